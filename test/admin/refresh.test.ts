import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import type { CommandContext } from '../../src/admin/cli.js';
import { runRefreshCommand } from '../../src/admin/refresh.js';
import { tryAcquire } from '../../src/db/job-locks.js';
import { refreshRuns } from '../../src/db/schema.js';
import {
  CLIENT_ID,
  GUILD_ID,
  harness,
  linkMembers,
  type Harness,
  emptyDir,
  TOKEN_KEY,
  commandContext,
} from '../helpers.js';
import { startScript } from '../children.js';
import { waitFor } from '../wait-for.js';

const HOUR = 3_600_000;

function envOf(h: Harness): Record<string, string> {
  return {
    DISCORD_CLIENT_ID: CLIENT_ID,
    DISCORD_CLIENT_SECRET: 'test-client-secret',
    TAG_GUILD_IDS: GUILD_ID,
    DATABASE_PATH: h.config.databasePath,
    DISCORD_API_URL: `${h.emulatorUrl}/api`,
    TOKEN_ENCRYPTION_KEY: TOKEN_KEY,
  };
}

async function run(h: Harness, argv: string[], extra: Partial<CommandContext> = {}) {
  const { context, out, err, status } = commandContext(argv, envOf(h), extra);
  const code = await runRefreshCommand(context, h.clock);
  return { code, out, err, status };
}

const fileHarness = (t: Test, extra: Parameters<typeof harness>[1] = {}) =>
  harness(t, { env: { DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'refresh-')), 'db.sqlite') }, ...extra });

t.test('a run logs progress lines and a summary, exit 0', async (t) => {
  const h = await fileHarness(t);
  await linkMembers(h, 3);
  h.clock.now += HOUR;
  const result = await run(h, ['--log-every', '2']);
  t.equal(result.code, 0, result.err.join('\n'));
  const progress = result.out.filter((l) => l.startsWith('{"event":"progress"')).map((l) => JSON.parse(l));
  t.same(
    progress.map((p) => p.checked),
    [2],
  );
  t.equal(progress[0].total, 3);
  t.match(
    result.out.join('\n'),
    /checked 3 of 3: 0 updated, 3 unchanged, 0 tokens refreshed, 0 revoked, 0 to verify again, 0 failed, 0 skipped; 3 Discord calls \(0 member-list pages, 3 members read one by one, 0 PUTs\) in/,
  );
  const summary = JSON.parse(result.out.at(-1)!);
  t.match(summary, { event: 'summary', status: 'done', checked: 3, discordCalls: 3, failures: [] });
});

t.test('a terminal gets a progress bar with rate and ETA', async (t) => {
  const h = await fileHarness(t);
  await linkMembers(h, 2);
  h.clock.now += HOUR;
  const result = await run(h, [], { tty: true });
  t.equal(result.code, 0);
  t.match(result.status.at(-1), /█+ 2\/2 100% [\d.]+\/s ETA/);
  t.notOk(
    result.out.some((l) => l.startsWith('{')),
    'no JSON lines on a terminal',
  );
});

t.test('failed members are listed and exit 1; dry run says so', async (t) => {
  const h = await fileHarness(t);
  const [user] = await linkMembers(h, 1);
  h.clock.now += 2 * 86_400_000;
  h.emulator.addFault({ kind: 'status', target: 'role-connection', status: 502, times: 100 });
  const result = await run(h, []);
  t.equal(result.code, 1);
  t.match(result.err.join('\n'), new RegExp(`failed: ${user!.id}: Discord answered 502`));
  t.match(JSON.parse(result.out.at(-1)!), { failures: [user!.id] });
  const dry = await run(h, ['--dry-run']);
  t.equal(dry.code, 0);
  t.match(dry.out[0], /^Dry run \(nothing written\): checked 1 of 1: 1 updated/);
});

t.test('a wrong client secret exits 2 saying what to fix, and no member is revoked', async (t) => {
  const h = await fileHarness(t);
  const users = await linkMembers(h, 2);
  h.clock.now += 6.5 * 86_400_000;
  const result = await run(h, [], { env: { ...envOf(h), DISCORD_CLIENT_SECRET: 'reset-in-the-portal' } });
  t.equal(result.code, 2);
  t.match(result.err.join('\n'), /Stopped at once: .*invalid_client.*Set DISCORD_CLIENT_ID and DISCORD_CLIENT_SECRET/);
  t.notMatch(result.out.join('\n') + result.err.join('\n'), /reset-in-the-portal/);
  for (const user of users) t.equal(h.members.get(user.id)?.linkStatus, 'linked');
});

t.test('tokens sealed with a key it was not given: exit 2 naming the key, the run recorded as stopped', async (t) => {
  const h = await fileHarness(t);
  await linkMembers(h, 2);
  h.clock.now += HOUR;
  const result = await run(h, [], { env: { ...envOf(h), TOKEN_ENCRYPTION_KEY: 'b'.repeat(64) } });
  t.equal(result.code, 2);
  t.match(result.err.join('\n'), /sealed with unknown key [0-9a-f]+: add it to TOKEN_ENCRYPTION_KEYS_OLD/);
  const last = h.db.select().from(refreshRuns).orderBy(refreshRuns.id).all().at(-1);
  t.match(last, { status: 'stopped', checked: 0 }, 'not recorded as done');
  t.equal((await run(h, [])).code, 0, 'with the key the next run goes on');
});

t.test('--user of someone not linked says so and exits 1', async (t) => {
  const h = await fileHarness(t);
  const result = await run(h, ['--user', '123456789012345678']);
  t.equal(result.code, 1);
  t.match(result.err.join('\n'), /No linked member 123456789012345678 is stored/);
});

t.test('a busy lock exits 0 with a message', async (t) => {
  const h = await fileHarness(t);
  tryAcquire(h.db, 'refresh', 'elsewhere:1:x', h.clock.now, 60_000);
  const result = await run(h, []);
  t.equal(result.code, 0);
  t.match(result.out[0], /Another refresh is running \(since 2026-11-01T00:00:00.000Z\); nothing done. Use --wait/);
});

t.test('bad flags and bad configuration exit 2 with a precise message', async (t) => {
  const h = await fileHarness(t);
  for (const [argv, text] of [
    [['--limit', '0'], /--limit must be a whole number of at least 1, got "0"/],
    [['--concurrency', '1000'], /--concurrency must be a whole number from 1 to 64, got "1000"/],
    [['--stale-after', 'soon'], /--stale-after must be a duration longer than 0, such as 12h or 1d, got "soon"/],
    [['--stale-after', '0s'], /--stale-after must be a duration longer than 0, such as 12h or 1d, got "0s"/],
    [['--stale-after', '0h0m'], /--stale-after must be a duration longer than 0/],
    [['--user', 'bob'], /--user must be a Discord user id/],
    [['--nope'], /Unknown option '--nope'/],
  ] as const) {
    const result = await run(h, [...argv]);
    t.equal(result.code, 2, argv.join(' '));
    t.match(result.err.join('\n'), text);
    t.match(result.err.join('\n'), /Usage: npm run refresh/);
  }
  const help = await run(h, ['--help']);
  t.equal(help.code, 0);
  t.match(help.out[0], /--stale-after <time>/);
  const config = await run(h, [], { env: { ...envOf(h), DISCORD_CLIENT_SECRET: '', REFRESH_CONCURRENCY: '0' } });
  t.equal(config.code, 2);
  t.match(
    config.err.join('\n'),
    /DISCORD_CLIENT_SECRET is required[\s\S]*REFRESH_CONCURRENCY must be a whole number from 1 to 64/,
  );
});

t.test('a job killed with SIGKILL loses no member and the next run resumes', async (t) => {
  const h = await fileHarness(t, { emulator: { rateLimit: false } });
  const users = await linkMembers(h, 24);
  const before = new Map(users.map((u) => [u.id, h.members.get(u.id)!.refreshToken]));
  // Eight members go through, then the emulator holds every /users/@me: the job is killed with both
  // workers' members in flight, after their tokens were rotated and stored. (A kill while Discord is
  // rotating a token, before the answer reaches us, cannot be recovered by any client; README explains
  // that limit.)
  h.emulator.addFault({ kind: 'latency', target: 'user', ms: 0, times: 8 });
  h.emulator.addFault({ kind: 'hold', target: 'user' });
  // The child runs on the real clock, for which every stored token has expired: each member needs a
  // refresh (rotation) first.
  const job = startScript(t, 'scripts/refresh.ts', ['--concurrency', '2'], { cwd: emptyDir(), env: envOf(h) });
  await waitFor(() => h.emulator.held.count === 2, { what: 'both workers of the job to be held at /users/@me' });
  const count = (route: string) => h.emulator.calls.filter((c) => c.route === route && c.status === 200).length;
  t.equal(count('/oauth2/token'), 10, 'ten tokens rotated: eight members done, two in flight');
  t.equal(count('/users/@me'), 8);
  job.child.kill('SIGKILL');
  t.equal(await job.waitForExit(), null, 'killed');
  h.emulator.clearFaults();
  h.emulator.held.release();

  h.clock.now += 6.5 * 86_400_000; // the members left now need a refresh on the test clock too
  const resumed = await run(h, []);
  t.equal(resumed.code, 0, resumed.err.join('\n'));
  const summary = JSON.parse(resumed.out.at(-1)!);
  t.ok(summary.checked < users.length, `resumed with the ${summary.checked} members left`);
  t.ok(summary.checked > 0);
  for (const user of users) {
    const row = h.members.get(user.id)!;
    t.equal(row.linkStatus, 'linked', user.id);
    const me = await h.discord.asMember(row.accessToken!).currentUser();
    t.equal(me.id, user.id, 'stored access token works');
  }
  const rotated = users.filter((u) => h.members.get(u.id)!.refreshToken !== before.get(u.id)).length;
  t.equal(rotated, users.length, 'every member was refreshed by one run or the other');
});
