import t from 'tap';
import { GUILD_ID, linkMembers, OTHER_GUILD_ID, wornTag, type Harness } from '../helpers.js';
import { waitFor } from '../wait-for.js';
import { liveHarness, startLive, waitConnectedAndSwept, waitForState } from './live.js';
import { SessionStore } from '../../src/gateway/session-store.js';
import { IDENTIFY_LIMIT } from '../../src/gateway/identify-throttle.js';
import { gatewaySessions } from '../../src/db/schema.js';
import { release, tryAcquire } from '../../src/db/job-locks.js';
import { LOCK_NAME } from '../../src/refresh/job.js';

const reads = (h: Harness) => h.emulator.calls.filter((c) => c.route === '/users/@me' && c.method === 'GET').length;
const puts = (h: Harness) => h.emulator.calls.filter((c) => c.method === 'PUT').length;

t.test('a tag change seen on the gateway becomes one role-connection PUT, with no read', async (t) => {
  const h = await liveHarness(t);
  h.emulator.addBotToGuild(OTHER_GUILD_ID);
  const [member] = await linkMembers(h, 1);
  h.emulator.addGuildMember(GUILD_ID, member!.id);
  h.emulator.addGuildMember(OTHER_GUILD_ID, member!.id);
  const { live, events } = startLive(t, h);
  await waitConnectedAndSwept(h, live);

  h.emulator.setPrimaryGuild(member!.id, null);
  await waitFor(() => events.length === 2, { what: 'the update from both shared servers' });
  t.equal(h.emulator.getRoleConnection(member!.id)?.metadata.tag_worn, '0', 'the role requirement follows the tag');
  t.equal(puts(h), 1, 'the same change from two servers gives one PUT');
  t.equal(reads(h), 0, 'judged from the event, not read with the member token');
  t.same(
    events.map((e) => e.applied),
    [true, false],
  );

  h.emulator.setPrimaryGuild(member!.id, wornTag());
  await waitFor(() => events.length === 4, { what: 'the tag put back on' });
  t.equal(h.emulator.getRoleConnection(member!.id)?.metadata.tag_worn, '1');
  const stored = h.members.get(member!.id)!;
  t.equal(stored.linkStatus, 'linked');
  t.ok(stored.wearingSince !== null, 'the history is stored as the callback would');

  const metrics = (await h.app.inject({ method: 'GET', url: '/metrics' })).body;
  t.match(metrics, /gateway_state\{state="connected"\} 1/);
  t.match(metrics, /gateway_state\{state="off"\} 0/);
  t.match(metrics, /gateway_last_sweep_seconds \d+/);
});

t.test('strangers stay strangers: no Discord call, nothing stored, nothing logged above debug', async (t) => {
  const h = await liveHarness(t);
  const stranger = h.emulator.addUser({ username: 'stranger', primary_guild: wornTag() });
  h.emulator.addGuildMember(GUILD_ID, stranger.id);
  const { live, events, lines } = startLive(t, h);
  await waitConnectedAndSwept(h, live);
  h.emulator.setPrimaryGuild(stranger.id, null);
  h.emulator.removeGuildMember(GUILD_ID, stranger.id);
  await waitFor(() => events.length === 2, { what: 'the stranger update and removal' });
  t.equal(h.emulator.calls.length, 0, 'no Discord call');
  t.notOk(h.members.get(stranger.id), 'nothing stored');
  const loud = lines.filter((l) => l.level !== 'debug');
  t.notOk(
    loud.some((l) => l.text.includes(stranger.id) || l.text.includes('ABCD')),
    'no id or tag of theirs above debug',
  );
});

t.test('leaving a tag server re-checks the member with their own token', async (t) => {
  const h = await liveHarness(t);
  const [member] = await linkMembers(h, 1);
  h.emulator.addGuildMember(GUILD_ID, member!.id);
  const { live, events } = startLive(t, h);
  await waitConnectedAndSwept(h, live);
  h.clock.now += 60_000;
  h.emulator.removeGuildMember(GUILD_ID, member!.id);
  await waitFor(() => events.length === 1, { what: 'the removal' });
  t.equal(reads(h), 1, 'read with the member token');
  t.ok(h.members.get(member!.id)!.lastObservedAt === h.clock.now, 'and observed now');
});

t.test('a revoked member seen on the gateway is unlinked as the refresh job would', async (t) => {
  const h = await liveHarness(t);
  const [member] = await linkMembers(h, 1);
  h.emulator.addGuildMember(GUILD_ID, member!.id);
  const { live, events } = startLive(t, h);
  await waitConnectedAndSwept(h, live);
  h.emulator.revokeUser(member!.id);
  h.emulator.setPrimaryGuild(member!.id, null);
  await waitFor(() => events.length === 1, { what: 'the update' });
  await waitFor(() => h.members.get(member!.id)?.linkStatus === 'revoked', { what: 'the member to be revoked' });
  t.equal(h.members.get(member!.id)!.accessToken, null, 'tokens we may not use are dropped');
});

t.test('a dropped connection resumes and Discord replays what was missed', async (t) => {
  const h = await liveHarness(t);
  const [member] = await linkMembers(h, 1);
  h.emulator.addGuildMember(GUILD_ID, member!.id);
  const { live, events } = startLive(t, h);
  await waitConnectedAndSwept(h, live);
  const before = h.emulator.gateway.stats();
  h.emulator.gateway.drop();
  h.emulator.setPrimaryGuild(member!.id, null);
  await waitFor(() => events.length === 1, { what: 'the replayed update' });
  const after = h.emulator.gateway.stats();
  t.equal(after.resumes, before.resumes + 1, 'resumed');
  t.equal(after.identifies, before.identifies, 'not identified anew');
  t.equal(h.emulator.getRoleConnection(member!.id)?.metadata.tag_worn, '0');
  await waitForState(live, 'connected');
});

t.test('a restart resumes the stored session; a forgotten one identifies anew and sweeps', async (t) => {
  const h = await liveHarness(t);
  const [member] = await linkMembers(h, 1);
  h.emulator.addGuildMember(GUILD_ID, member!.id);
  const first = startLive(t, h);
  await waitConnectedAndSwept(h, first.live);
  await first.live.stop();
  t.match(first.live.store.row(), { state: 'off', sessionId: /\w/ }, 'the session survives the stop');
  h.emulator.setPrimaryGuild(member!.id, null);

  const second = startLive(t, h);
  await waitFor(() => second.events.length === 1, { what: 'the update missed while stopped' });
  t.match(h.emulator.gateway.stats(), { identifies: 1, resumes: 1 });
  t.equal(h.emulator.getRoleConnection(member!.id)?.metadata.tag_worn, '0');
  const sweptBefore = second.live.store.row()!.lastSweepAt;
  await second.live.stop();

  h.emulator.gateway.forgetSessions();
  h.emulator.setPrimaryGuild(member!.id, wornTag());
  h.clock.now += 1_000;
  const third = startLive(t, h);
  await waitFor(() => third.live.store.row()!.lastSweepAt! > sweptBefore!, {
    what: 'the sweep after a fresh identify',
  });
  t.equal(h.emulator.gateway.stats().identifies, 2, 'the forgotten session was identified anew');
  t.equal(h.emulator.getRoleConnection(member!.id)?.metadata.tag_worn, '1', 'the sweep caught the missed change');
});

t.test('4014 and 4004 end live updates with one line naming the fix; serving goes on', async (t) => {
  const h = await liveHarness(t);
  h.emulator.updateApplication({ flags: 0 });
  const intents = startLive(t, h);
  await waitForState(intents.live, 'off');
  const errors = intents.lines.filter((l) => l.level === 'error');
  t.equal(errors.length, 1);
  t.match(errors[0]?.text, /close 4014.*Bot → Privileged Gateway Intents → Server Members Intent/);
  t.match(intents.live.store.row()?.reason, /Server Members Intent/);
  t.equal(h.emulator.gateway.stats().connections, 0, 'no reconnect');

  h.emulator.updateApplication({ flags: 1 << 15 });
  const token = startLive(t, h);
  await waitForState(token.live, 'connected');
  h.emulator.gateway.close(4004);
  await waitForState(token.live, 'off');
  t.match(token.live.store.row()?.reason, /DISCORD_BOT_TOKEN.*4004/);
  const res = await h.app.inject({ method: 'GET', url: '/linked-role' });
  t.equal(res.statusCode, 302, 'members are still served');
});

t.test(
  'a gateway Discord cannot serve at start is tried again; a refused bot token turns live updates off',
  async (t) => {
    const h = await liveHarness(t);
    h.emulator.addFault({ kind: 'status', target: 'gateway', status: 503, times: 2 });
    const flaky = startLive(t, h, { lockTtlMs: 300 });
    await waitFor(() => /could not be reached/.test(flaky.live.store.row()?.reason ?? ''), {
      what: 'the failed start to be recorded',
    });
    await waitForState(flaky.live, 'connected', 'the retried start to connect');
    await flaky.live.stop();

    const wrong = await liveHarness(t, { env: { DISCORD_BOT_TOKEN: 'not-the-bot-token' } });
    const refused = startLive(t, wrong);
    await waitForState(refused.live, 'off');
    t.match(refused.live.store.row()?.reason, /Discord refused DISCORD_BOT_TOKEN \(401 on GET \/gateway\/bot\)/);
    t.notOk(
      refused.lines.some((l) => l.text.includes('not-the-bot-token')),
      'the token is never logged',
    );
  },
);

t.test('one shard whatever /gateway/bot recommends: one connection, one session', async (t) => {
  const h = await liveHarness(t);
  h.emulator.gateway.recommendedShards = 2;
  const { live } = startLive(t, h);
  await waitForState(live, 'connected');
  t.match(h.emulator.gateway.stats(), { identifies: 1, connections: 1 });
  t.equal(h.emulator.gateway.stats().sessions.length, 1);
});

t.test('past the day’s IDENTIFY limit live updates turn off before identifying; serving goes on', async (t) => {
  const h = await liveHarness(t);
  const store = new SessionStore(h.db, h.clock);
  store.setState('off');
  h.db.update(gatewaySessions).set({ identifyWindowStart: Date.now(), identifiesInWindow: IDENTIFY_LIMIT }).run();
  const { live, lines } = startLive(t, h);
  await waitForState(live, 'off');
  t.match(live.store.row()?.reason, /identified with the gateway 900 times in 24 hours/);
  t.equal(lines.filter((l) => l.level === 'error').length, 1, 'one line says why');
  t.equal(h.emulator.gateway.stats().identifies, 0, 'no IDENTIFY was sent');
  t.equal(live.store.row()?.identifiesInWindow, IDENTIFY_LIMIT);
  const res = await h.app.inject({ method: 'GET', url: '/linked-role' });
  t.equal(res.statusCode, 302, 'members are still served');
});

t.test('an identify during a sweep is followed by another sweep, so a change made in that gap is caught', async (t) => {
  const h = await liveHarness(t, { env: { REFRESH_CONCURRENCY: '1' } });
  const [a, b] = await linkMembers(h, 2);
  for (const member of [a!, b!]) {
    h.emulator.addGuildMember(GUILD_ID, member.id);
    h.emulator.setPrimaryGuild(member.id, null);
  }
  h.clock.now += 60_000;
  h.emulator.addFault({ kind: 'hold', target: 'role-connection' });
  const { live } = startLive(t, h);
  await waitFor(() => h.emulator.held.count === 1, { what: "the sweep's first PUT to be held" });
  const passed = h.emulator.held.list()[0]!.userId!;
  h.emulator.held.release();
  await waitFor(() => h.emulator.held.list()[0]?.userId !== undefined && h.emulator.held.list()[0]?.userId !== passed, {
    what: "the sweep's second PUT to be held",
  });
  t.equal(h.emulator.getRoleConnection(passed)?.metadata.tag_worn, '0', 'the sweep has passed this member');

  const identifies = h.emulator.gateway.stats().identifies;
  t.equal(h.emulator.gateway.invalidate(false), 1);
  // Made while no session is up: Discord will never send it.
  h.emulator.setPrimaryGuild(passed, wornTag());
  await waitFor(() => h.emulator.gateway.stats().identifies > identifies && live.store.row()?.state === 'connected', {
    what: 'a fresh identify',
  });
  h.clock.now += 1_000;
  h.emulator.clearFaults();
  h.emulator.held.release();
  await waitFor(() => h.emulator.getRoleConnection(passed)?.metadata.tag_worn === '1', {
    what: 'the sweep owed to the new identify to catch the change',
  });
  await waitFor(() => live.store.row()?.lastSweepAt != null, { what: 'the owed sweep to finish' });
});

t.test('a sweep owed while a refresh run holds the lock runs once that run is over', async (t) => {
  const h = await liveHarness(t);
  const [member] = await linkMembers(h, 1);
  h.emulator.addGuildMember(GUILD_ID, member!.id);
  h.emulator.setPrimaryGuild(member!.id, null);
  h.clock.now += 60_000;
  t.ok(tryAcquire(h.db, LOCK_NAME, 'a refresh run elsewhere', h.clock.now, 600_000));
  const { live, lines } = startLive(t, h);
  await waitFor(() => lines.some((l) => /the catch-up sweep follows it/.test(l.text)), {
    what: 'the sweep to find the refresh lock taken',
  });
  t.equal(h.emulator.getRoleConnection(member!.id)?.metadata.tag_worn, '1', 'nothing swept yet');
  release(h.db, LOCK_NAME, 'a refresh run elsewhere');
  await waitFor(() => live.store.row()?.lastSweepAt != null, { what: 'the sweep after the run' });
  t.equal(h.emulator.getRoleConnection(member!.id)?.metadata.tag_worn, '0', 'the change made before the identify');
});
