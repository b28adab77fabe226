import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import t from 'tap';
import { runBackup } from '../../src/admin/backup.js';
import { runStatus } from '../../src/admin/status.js';
import { runRefresh } from '../../src/refresh/job.js';
import { tryAcquire } from '../../src/db/job-locks.js';
import { commandContext, GUILD_ID, harness, linkMembers } from '../helpers.js';
import { waitFor } from '../wait-for.js';
import { liveHarness, startLive, waitConnectedAndSwept } from '../gateway/live.js';

const HOUR = 3_600_000;

t.test('npm run status reports members, the last run and stale members', async (t) => {
  const path = join(mkdtempSync(join(tmpdir(), 'status-')), 'db.sqlite');
  const h = await harness(t, { env: { DATABASE_PATH: path } });
  const status = async (argv: string[] = []) => {
    const run = commandContext(argv, { DATABASE_PATH: path });
    const code = await runStatus(run.context, h.clock);
    return { code, out: run.out.join('\n'), err: run.err.join('\n') };
  };
  const empty = await status();
  t.equal(empty.code, 0);
  t.match(
    empty.out,
    /Linked members: 0 \(wearing the tag now: 0\)\nRevoked: 0\nNeed to verify again \(tokens lost on our side, not revoked\): 0\nLast refresh: never\nLive updates: never ran here \(LIVE_UPDATES=off or no DISCORD_BOT_TOKEN for the service\)\nNot checked for more than a day: 0/,
  );

  const [, other, gone] = await linkMembers(h, 3);
  h.emulator.setPrimaryGuild(other!.id, null);
  h.emulator.revokeUser(gone!.id);
  h.clock.now += HOUR;
  await runRefresh({ config: h.config, db: h.db, clock: h.clock }, { retryBaseDelayMs: 1 });
  h.clock.now += 2 * 86_400_000;
  const report = await status();
  t.match(report.out, /Linked members: 2 \(wearing the tag now: 1\)/);
  t.match(report.out, /Revoked: 1/);
  t.match(
    report.out,
    /Last refresh: 2026-11-01T01:00:00.000Z \(done, took \d+ ms\): checked 3, updated 1, unchanged 1, refreshed 0, revoked 1, to verify again 0, failed 0, 6 Discord calls/,
  );
  t.match(report.out, /Not checked for more than a day: 2\n {2}→ run `npm run refresh`/);

  const json = JSON.parse((await status(['--json'])).out);
  t.match(json, {
    linked: 2,
    wearingTag: 1,
    revoked: 1,
    notCheckedForADay: 2,
    refreshRunningNow: false,
    lastRun: { status: 'done', checked: 3 },
  });

  h.db.$client
    .prepare("insert into refresh_runs (started_at, status, dry_run) values (?, 'running', 0)")
    .run(h.clock.now);
  t.match((await status()).out, /interrupted \(its process died\)/);
  // A process of this machine that no longer exists (the pid of one that has just ended).
  const ended = spawnSync(process.execPath, ['-e', '0']).pid!;
  tryAcquire(h.db, 'refresh', `${hostname()}:${ended}:x`, h.clock.now, 60_000);
  t.match((await status()).out, /interrupted \(its process died\)/, 'a killed run is not taken for a running one');
  h.db.$client.exec('delete from job_locks');
  tryAcquire(h.db, 'refresh', 'elsewhere:1:x', h.clock.now, 60_000);
  t.match((await status()).out, /still running/);
  t.equal((await status(['--verbose'])).code, 2);
});

t.test('npm run status shows the gateway session: its state, events, live updates, the last sweep', async (t) => {
  const path = join(mkdtempSync(join(tmpdir(), 'status-')), 'db.sqlite');
  const h = await liveHarness(t, { env: { DATABASE_PATH: path } });
  const [member] = await linkMembers(h, 1);
  h.emulator.addGuildMember(GUILD_ID, member!.id);
  const { live, events } = startLive(t, h, { lockTtlMs: 300 });
  await waitConnectedAndSwept(h, live);
  h.emulator.setPrimaryGuild(member!.id, null);
  await waitFor(() => events.length === 1, { what: 'the live update' });
  // The clock stays put: a renewal made before a clock jump would leave the 300 ms lease expired.
  await waitFor(() => (live.store.row()?.liveUpdates ?? 0) === 1, { what: 'the counters to be saved' });
  const run = commandContext(['--json'], { DATABASE_PATH: path });
  t.equal(await runStatus(run.context, h.clock), 0);
  t.match(JSON.parse(run.out.join('')).gateway, {
    state: 'connected',
    eventsReceived: 1,
    liveUpdates: 1,
    lastSweepAt: Number,
  });
  await live.stop();
  const text = commandContext([], { DATABASE_PATH: path });
  await runStatus(text.context, h.clock);
  t.match(
    text.out.join('\n'),
    /Live updates: off \(the service holding the session stopped; the next start resumes it\); 1 member events received, 1 role connections updated live; last sweep 2026-/,
  );
});

t.test('npm run backup makes an online copy that opens', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'backup-'));
  const path = join(dir, 'db.sqlite');
  const h = await harness(t, { env: { DATABASE_PATH: path } });
  await linkMembers(h, 2);
  const target = join(dir, 'copy.sqlite');
  const run = commandContext([target], { DATABASE_PATH: path });
  t.equal(await runBackup(run.context), 0, run.err.join('\n'));
  t.match(run.out[0], /Backed up .*db\.sqlite to .*copy\.sqlite \(\d+ bytes\)/);
  const copy = new Database(target, { readonly: true });
  t.equal((copy.prepare('select count(*) as n from members').get() as { n: number }).n, 2);
  copy.close();

  const again = commandContext([target], { DATABASE_PATH: path });
  t.equal(await runBackup(again.context), 1);
  t.match(again.err[0], /already exists; .* --force/);
  const forced = commandContext([target, '--force'], { DATABASE_PATH: path });
  t.equal(await runBackup(forced.context), 0);
  const none = commandContext([], { DATABASE_PATH: path });
  t.equal(await runBackup(none.context), 2);
  t.match(none.err[0], /give exactly one target file/);
  const blocked = join(dir, 'not-a-dir');
  writeFileSync(blocked, 'x');
  for (const folder of [blocked, join(dir, 'missing')]) {
    const bad = commandContext([join(folder, 'copy.sqlite')], { DATABASE_PATH: path });
    t.equal(await runBackup(bad.context), 2, 'it could not run');
    t.match(bad.err[0], `there is no folder ${folder} to write into`);
  }
});
