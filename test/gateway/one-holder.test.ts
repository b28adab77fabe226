import t from 'tap';
import { currentHolder, tryAcquire } from '../../src/db/job-locks.js';
import { GATEWAY_LOCK } from '../../src/gateway/live-updates.js';
import { GUILD_ID, linkMembers } from '../helpers.js';
import { waitFor } from '../wait-for.js';
import { liveHarness, startLive, waitForState } from './live.js';

t.test('two service processes on one database never both connect; the other takes over', async (t) => {
  const h = await liveHarness(t);
  const [member] = await linkMembers(h, 1);
  h.emulator.addGuildMember(GUILD_ID, member!.id);
  const first = startLive(t, h, { lockTtlMs: 600 });
  await waitForState(first.live, 'connected');
  const second = startLive(t, h, { lockTtlMs: 600 });
  // Several lease renewals later the second still stands by.
  await waitFor(
    () => (first.live.store.row()?.updatedAt ?? 0) > 0 && h.emulator.gateway.stats().sessions.length === 1,
    {
      what: 'one session',
    },
  );
  const lease = () => currentHolder(h.db, GATEWAY_LOCK)?.expiresAt ?? 0;
  const before = lease();
  h.clock.now += 400;
  await waitFor(() => lease() > before, { what: 'the holder to renew its lease' });
  t.equal(h.emulator.gateway.stats().connections, 1, 'one connection to Discord');

  await first.live.stop();
  await waitForState(second.live, 'connected', 'the second process to take over');
  t.equal(h.emulator.gateway.stats().connections, 1);
  t.equal(h.emulator.gateway.stats().identifies, 1, 'it resumed the session the first one left');
  h.emulator.setPrimaryGuild(member!.id, null);
  await waitFor(() => second.events.length === 1, { what: 'the new holder to get events' });
  t.equal(first.events.length, 0);
});

t.test('a holder that loses its lease leaves the saved session to whoever took it', async (t) => {
  const h = await liveHarness(t);
  const first = startLive(t, h, { lockTtlMs: 600 });
  await waitForState(first.live, 'connected');
  await waitFor(() => first.live.store.session() !== null, { what: 'the session to be saved' });
  const saved = first.live.store.session();
  // Another process takes the lease after this one missed its renewals.
  h.clock.now += 1_000;
  t.ok(tryAcquire(h.db, GATEWAY_LOCK, 'another-process', h.clock.now, 60_000));
  await waitFor(() => first.lines.some((l) => l.text.includes('this one stands by')), {
    what: 'the first to stand by',
  });
  await waitFor(() => h.emulator.gateway.stats().connections === 0, { what: 'its connection to close' });
  t.same(first.live.store.session(), saved, 'the session the new holder resumes is still there');
});
