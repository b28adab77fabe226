import t from 'tap';
import { InvalidGrantError } from '../../src/discord/errors.js';
import { DAY_MS } from '../../src/metadata/connection.js';
import { runRefresh, type RefreshOptions } from '../../src/refresh/job.js';
import { tryAcquire } from '../../src/db/job-locks.js';
import { GUILD_ID, harness, linkMembers, OTHER_GUILD_ID, verify, wornTag, type Harness } from '../helpers.js';
import { waitFor } from '../wait-for.js';

const HOUR = 3_600_000;
const refresh = (h: Harness, options: RefreshOptions = {}) =>
  runRefresh({ config: h.config, db: h.db, clock: h.clock }, { retryBaseDelayMs: 5, ...options });
/** Waits that only count time, on a test clock: each records its length and yields at once. */
function testTimers() {
  const slept: number[] = [];
  let now = 0;
  const timers = {
    now: () => now,
    sleep: (ms: number) => {
      slept.push(ms);
      now += ms;
      return new Promise<void>((resolve) => setImmediate(resolve));
    },
  };
  return { timers, slept };
}
const calls = (h: Harness, route: string) => h.emulator.calls.filter((c) => c.route.startsWith(route)).length;
const puts = (h: Harness) => h.emulator.calls.filter((c) => c.method === 'PUT').length;

t.test('tag put on, taken off, switched to another guild, cleared by the system', async (t) => {
  const h = await harness(t);
  const [on, off, other, cleared, kept] = await linkMembers(h, 5, null);
  h.emulator.setPrimaryGuild(on!.id, wornTag());
  h.emulator.setPrimaryGuild(off!.id, null);
  h.emulator.setPrimaryGuild(other!.id, wornTag('XYZ', OTHER_GUILD_ID));
  h.emulator.setPrimaryGuild(cleared!.id, {
    identity_guild_id: GUILD_ID,
    identity_enabled: null,
    tag: null,
    badge: null,
  });
  h.emulator.setPrimaryGuild(kept!.id, null);
  h.clock.now += HOUR;
  const first = await refresh(h);
  t.match(first, { status: 'done', total: 5, checked: 5, updated: 1, unchanged: 4, failed: 0 });
  t.same(h.emulator.getRoleConnection(on!.id), {
    platform_name: 'Server Tag',
    platform_username: 'ABCD',
    metadata: { tag_worn: '1', tag_streak_days: '0', tag_total_days: '0' },
  });

  h.clock.now += DAY_MS;
  t.match(await refresh(h), { updated: 1, unchanged: 4 }, 'a day of streak for the wearer');
  t.same(h.emulator.getRoleConnection(on!.id)?.metadata, { tag_worn: '1', tag_streak_days: '1', tag_total_days: '1' });

  // Then the tag comes off one member and another puts it on.
  h.clock.now += HOUR;
  h.emulator.setPrimaryGuild(on!.id, { ...wornTag(), identity_enabled: false });
  h.emulator.setPrimaryGuild(off!.id, wornTag());
  const second = await refresh(h);
  t.match(second, { checked: 5, updated: 2, unchanged: 3 });
  t.same(h.emulator.getRoleConnection(on!.id)?.metadata, { tag_worn: '0', tag_streak_days: '0', tag_total_days: '1' });
  t.equal(h.emulator.getRoleConnection(on!.id)?.platform_username, 'member_0');
  t.equal(h.emulator.getRoleConnection(off!.id)?.metadata.tag_worn, '1');
  t.equal(h.emulator.getRoleConnection(other!.id)?.metadata.tag_worn, '0');
  t.equal(h.emulator.getRoleConnection(cleared!.id)?.metadata.tag_worn, '0');
});

t.test('streaks advance with time; nothing changed means one call and no PUT', async (t) => {
  const h = await harness(t);
  const users = await linkMembers(h, 3);
  h.clock.now += 2 * DAY_MS;
  const advanced = await refresh(h);
  t.match(advanced, { updated: 3, refreshed: 0 });
  for (const user of users) t.equal(h.emulator.getRoleConnection(user.id)?.metadata.tag_streak_days, '2');
  h.emulator.calls.length = 0;
  h.clock.now += HOUR;
  const quiet = await refresh(h);
  // The bot's member list of the tag server is empty (nobody joined it), so each member is read.
  t.match(quiet, { checked: 3, updated: 0, unchanged: 3, discordCalls: 4, listPages: 1, memberReads: 3, puts: 0 });
  t.equal(h.emulator.calls.length, 4, 'one member-list page, then one Discord call per member');
  t.equal(puts(h), 0);
});

t.test('tokens near expiry are refreshed, rotated and stored', async (t) => {
  const h = await harness(t);
  const [user] = await linkMembers(h, 1);
  const before = h.members.get(user!.id)!;
  h.clock.now += 6.5 * DAY_MS;
  const summary = await refresh(h);
  t.match(summary, { refreshed: 1, failed: 0, revoked: 0 });
  const after = h.members.get(user!.id)!;
  t.not(after.refreshToken, before.refreshToken);
  t.equal(after.tokenExpiresAt, h.clock.now + 7 * DAY_MS);
  await t.rejects(h.discord.refresh(before.refreshToken!), InvalidGrantError, 'the old refresh token is dead');
  t.equal((await h.discord.asMember(after.accessToken!).currentUser()).id, user!.id, 'the new access token works');
});

t.test('a member who revoked us is marked, emptied and never called again', async (t) => {
  const h = await harness(t);
  const [gone, stays] = await linkMembers(h, 2);
  h.emulator.revokeUser(gone!.id);
  h.clock.now += HOUR;
  const summary = await refresh(h);
  t.match(summary, { revoked: 1, unchanged: 1, failed: 0 });
  const row = h.members.get(gone!.id)!;
  t.match(row, { linkStatus: 'revoked', accessToken: null, refreshToken: null, tokenExpiresAt: null });
  t.ok(row.wearingSince !== null, 'history is kept');
  h.emulator.calls.length = 0;
  h.clock.now += 2 * DAY_MS;
  await refresh(h);
  t.same(
    h.emulator.calls.map((c) => c.userId ?? null).filter((id) => id === gone!.id),
    [],
    'no call for the revoked member',
  );
  t.equal(h.members.get(stays!.id)?.linkStatus, 'linked');
  t.equal((await verify(h, gone!.id)).statusCode, 200, 'verifying anew links again');
  t.equal(h.members.get(gone!.id)?.linkStatus, 'linked');
});

t.test('an access token that died early is refreshed, not revoked', async (t) => {
  const h = await harness(t);
  const [user] = await linkMembers(h, 1);
  h.emulator.expireAccessTokens(user!.id);
  h.clock.now += HOUR;
  const summary = await refresh(h);
  t.match(summary, { refreshed: 1, revoked: 0, failed: 0, unchanged: 1 });
  t.equal(h.members.get(user!.id)?.linkStatus, 'linked');
});

t.test('429s are waited out; 5xx are retried, then left for the next run intact', async (t) => {
  const h = await harness(t);
  const [a, b] = await linkMembers(h, 2);
  h.clock.now += HOUR;
  h.emulator.addFault({ kind: 'rate-limit', target: 'user', retryAfter: 0.05, times: 1 });
  h.emulator.addFault({ kind: 'rate-limit', target: 'user', retryAfter: 0.05, global: true, times: 1 });
  h.emulator.addFault({ kind: 'status', target: 'user', status: 503, times: 2 });
  const { timers, slept } = testTimers();
  const summary = await refresh(h, { timers });
  t.match(summary, { checked: 2, failed: 0, unchanged: 2 });
  t.ok(
    slept.some((ms) => ms > 10),
    `the global 429 paused the whole job beyond the retry backoff, on the test clock (${slept.join(', ')} ms)`,
  );

  const before = h.members.get(a!.id)!;
  h.clock.now += DAY_MS;
  h.emulator.clearFaults();
  h.emulator.addFault({ kind: 'status', target: 'role-connection', status: 500, times: 100 });
  const failing = await refresh(h, { retryAttempts: 3 });
  t.match(failing, { failed: 2, updated: 0 });
  t.same(failing.failures.map((f) => f.userId).sort(), [a!.id, b!.id].sort());
  t.equal(calls(h, '/users/@me/applications'), 6, 'each PUT tried 3 times');
  const after = h.members.get(a!.id)!;
  t.same({ ...after }, { ...before }, 'tokens, history and last pushed state are untouched by a failed member');
  h.emulator.clearFaults();
  h.clock.now += 1;
  const next = await refresh(h);
  t.match(next, { checked: 2, updated: 2, failed: 0 });
});

t.test('two runs never overlap; an abandoned lock expires', async (t) => {
  const h = await harness(t);
  await linkMembers(h, 4);
  h.clock.now += HOUR;
  // Resolves once the run is held at its first /users/@me, with the run still under way.
  const heldRun = async (h: Harness) => {
    h.emulator.addFault({ kind: 'hold', target: 'user', times: 1 });
    const run = refresh(h);
    await waitFor(() => h.emulator.held.count === 1, { what: 'the first run to be held at /users/@me' });
    return { run };
  };
  const { run: one } = await heldRun(h);
  t.match(await refresh(h), { status: 'busy', checked: 0 }, 'a second run while the first is under way');
  h.emulator.held.release();
  t.match(await one, { status: 'done', checked: 4 });

  h.clock.now += HOUR;
  const { run: first } = await heldRun(h);
  // The lock is tried before refresh() returns, so this run is already waiting when the first goes on.
  const { timers, slept } = testTimers();
  const waited = refresh(h, { wait: true, timers });
  await waitFor(() => slept.length > 0, { what: 'the second run to wait for the lock' });
  h.emulator.held.release();
  t.match(await first, { status: 'done', checked: 4 });
  t.match(await waited, { status: 'done', checked: 0 }, '--wait runs after the other; no member twice');
  t.ok(
    slept.every((ms) => ms === 1_000),
    'it tried the lock again every second',
  );

  t.ok(tryAcquire(h.db, 'refresh', 'dead-process', h.clock.now, 60_000));
  t.equal((await refresh(h)).status, 'busy');
  h.clock.now += 61_000;
  t.equal((await refresh(h)).status, 'done', 'the dead holder’s lock expired');
});

t.test('a member verifying while the job refreshes them keeps working tokens', async (t) => {
  const h = await harness(t);
  const [user] = await linkMembers(h, 1);
  h.clock.now += 6.5 * DAY_MS;
  h.emulator.addFault({ kind: 'hold', target: 'token', times: 1 });
  const job = refresh(h);
  await waitFor(() => h.emulator.held.count === 1, { what: "the job's token refresh to be held in flight" });
  const page = await verify(h, user!.id);
  t.equal(page.statusCode, 200);
  h.emulator.held.release();
  const summary = await job;
  t.match(summary, { skipped: 1, failed: 0, revoked: 0 });
  const row = h.members.get(user!.id)!;
  t.equal(row.linkStatus, 'linked');
  const me = await h.discord.asMember(row.accessToken!).currentUser();
  t.equal(me.id, user!.id, 'the stored access token works');
  const rotated = await h.discord.refresh(row.refreshToken!);
  t.ok(rotated.refreshToken, 'the stored refresh token works');
});

t.test('dry run writes nothing and refreshes no token', async (t) => {
  const h = await harness(t);
  const [user] = await linkMembers(h, 2);
  h.emulator.setPrimaryGuild(user!.id, null);
  const snapshot = () => h.db.$client.prepare('select * from members order by user_id').all();
  const before = snapshot();
  h.clock.now += 7 * DAY_MS + 1;
  const summary = await refresh(h, { dryRun: true });
  t.match(summary, { checked: 2, skipped: 2, refreshed: 0 });
  h.clock.now -= 3 * DAY_MS;
  const fresh = await refresh(h, { dryRun: true });
  t.match(fresh, { updated: 2, refreshed: 0 });
  t.same(snapshot(), before);
  t.equal(puts(h) + calls(h, '/oauth2'), 0);
  const runs = h.db.$client.prepare('select count(*) as n from refresh_runs').get() as { n: number };
  t.equal(runs.n, 0);

  // Discord ended an access token early: a real run refreshes it, so a dry run calls no one revoked.
  h.emulator.expireAccessTokens(user!.id);
  const early = await refresh(h, { dryRun: true, userId: user!.id });
  t.match(early, { revoked: 0, skipped: 1 });
  t.same(snapshot(), before);
  t.match(await refresh(h, { userId: user!.id }), { revoked: 0, refreshed: 1 }, 'as the real run shows');
});

t.test('--user, --limit and --stale-after narrow the run', async (t) => {
  const h = await harness(t);
  const users = await linkMembers(h, 4);
  h.clock.now += HOUR;
  t.match(await refresh(h, { userId: users[2]!.id }), { total: 1, checked: 1 });
  t.match(await refresh(h, { limit: 2 }), { total: 2, checked: 2 });
  h.clock.now += 10 * 60_000;
  t.match(await refresh(h, { staleAfterMs: 30 * 60_000 }), { checked: 1 }, 'only the one not seen for 30 minutes');
  t.match(await refresh(h), { checked: 3 });
});

t.test('stops early before the invalid-request limit', async (t) => {
  const h = await harness(t);
  const users = await linkMembers(h, 4);
  for (const user of users) h.emulator.revokeUser(user.id);
  h.clock.now += HOUR;
  const summary = await refresh(h, { maxInvalidRequests: 2, concurrency: 1 });
  t.equal(summary.status, 'stopped');
  t.match(summary.stopReason, /invalid requests/);
  t.equal(summary.revoked, 2);
  const row = h.db.$client.prepare('select status from refresh_runs order by id desc limit 1').get() as {
    status: string;
  };
  t.equal(row.status, 'stopped');
});

t.test('an aborted run finishes what it started and stops', async (t) => {
  const h = await harness(t);
  await linkMembers(h, 3);
  h.clock.now += HOUR;
  const abort = new AbortController();
  abort.abort();
  const summary = await refresh(h, { signal: abort.signal });
  t.match(summary, { status: 'stopped', checked: 0, stopReason: 'interrupted' });
});

t.test('a refresh whose answer never came is not retried and revokes nothing', async (t) => {
  const h = await harness(t);
  const [user] = await linkMembers(h, 1);
  const before = h.members.get(user!.id)!;
  h.clock.now += 6.5 * DAY_MS;
  h.emulator.addFault({ kind: 'hold', target: 'token', times: 1 });
  const summary = await refresh(h, { timeoutMs: 100 });
  t.match(summary, { failed: 1, revoked: 0 });
  t.match(summary.failures[0]?.reason, /did not answer in time/);
  // The emulator logs the call when it ends.
  h.emulator.held.release();
  await waitFor(() => h.emulator.calls.some((c) => c.route === '/oauth2/token'), {
    what: 'the held refresh to be logged',
  });
  t.equal(calls(h, '/oauth2/token'), 1, 'not retried');
  const row = h.members.get(user!.id)!;
  t.equal(row.linkStatus, 'linked');
  t.equal(row.refreshToken, before.refreshToken, 'tokens untouched');
});

t.test('a wrong client secret stops the job at once and touches no member', async (t) => {
  const h = await harness(t);
  const users = await linkMembers(h, 4);
  const before = users.map((u) => h.members.get(u.id)!);
  h.clock.now += 6.5 * DAY_MS; // every token is within the refresh margin
  const wrong = { ...h.config, clientSecret: 'reset-in-the-portal' };
  const summary = await runRefresh({ config: wrong, db: h.db, clock: h.clock }, { concurrency: 2 });
  t.equal(summary.status, 'stopped');
  t.match(summary, { revoked: 0, misconfigured: { message: /invalid_client/, fix: /DISCORD_CLIENT_SECRET/ } });
  t.same(
    users.map((u) => h.members.get(u.id)),
    before,
    'every row as it was: status, tokens and history',
  );
  t.ok(calls(h, '/oauth2/token') <= 2, 'no more than the calls in flight when Discord first refused us');
  const right = await refresh(h);
  t.match(right, { status: 'done', checked: 4, refreshed: 4, revoked: 0, failed: 0 });
});

t.test('429s the job waits out count against the invalid-request budget', async (t) => {
  const h = await harness(t);
  await linkMembers(h, 3);
  h.clock.now += HOUR;
  h.emulator.addFault({ kind: 'rate-limit', target: 'user', retryAfter: 0.01, times: 3 });
  const summary = await refresh(h, { maxInvalidRequests: 3, concurrency: 1, timers: testTimers().timers });
  t.match(
    summary,
    { status: 'stopped', checked: 1, failed: 0 },
    'the first member was waited through, then the job stopped',
  );
  t.match(summary.stopReason, /3 invalid requests/);
});

t.test('a long 429 of one member leaves that member for the next run and holds nobody else', async (t) => {
  const h = await harness(t);
  const members = await linkMembers(h, 4);
  h.clock.now += HOUR;
  h.emulator.addFault({ kind: 'rate-limit', target: 'user', retryAfter: 120, times: 1 });
  const { timers, slept } = testTimers();
  const summary = await refresh(h, { concurrency: 2, timers });
  t.match(summary, { status: 'done', checked: 4, failed: 1, unchanged: 3 });
  t.same(slept, [], 'no worker waited for the limited member');
  const [limited] = summary.failures;
  t.ok(members.some((m) => m.id === limited?.userId) && h.members.get(limited!.userId)?.refreshToken, 'kept intact');
  t.match(await refresh(h), { checked: 1, failed: 0 }, 'the next run checks it, and only it');
});

t.test('an interruption ends a run at once, even one waiting out a global pause', async (t) => {
  const h = await harness(t);
  await linkMembers(h, 3);
  h.clock.now += HOUR;
  // Four minutes: within what the job waits out, on the real clock (no test timers here).
  h.emulator.addFault({ kind: 'rate-limit', target: 'user', retryAfter: 240, global: true, times: 1 });
  const abort = new AbortController();
  const run = refresh(h, { concurrency: 2, signal: abort.signal });
  await waitFor(() => h.emulator.calls.some((c) => c.status === 429), { what: 'the global 429' });
  abort.abort();
  const summary = await run;
  t.match(summary, { status: 'stopped', stopReason: 'interrupted' });
  t.ok(summary.checked < 3, `not every member was worked on (${summary.checked})`);
});

t.test('members’ own long 429s, however many, stop nobody', async (t) => {
  const h = await harness(t);
  await linkMembers(h, 6);
  h.clock.now += HOUR;
  h.emulator.addFault({ kind: 'rate-limit', target: 'user', retryAfter: 600, times: 3 });
  const { timers, slept } = testTimers();
  const summary = await refresh(h, { concurrency: 3, timers });
  t.match(summary, { status: 'done', checked: 6, failed: 3, unchanged: 3 });
  t.ok(
    slept.every((ms) => ms <= 10_000),
    `repeated 429s slowed the job for at most 10 s, not their 600 (${slept.join(', ')})`,
  );
});

t.test('a long 429 of the bot’s member list is waited out: the list is still read', async (t) => {
  const h = await harness(t);
  const members = await linkMembers(h, 3);
  for (const member of members) h.emulator.addGuildMember(GUILD_ID, member.id);
  h.clock.now += HOUR;
  h.emulator.addFault({ kind: 'rate-limit', target: 'members', retryAfter: 120, times: 1 });
  const { timers, slept } = testTimers();
  const summary = await refresh(h, { timers });
  t.match(summary, { status: 'done', checked: 3, listPages: 1, memberReads: 0, notices: [] });
  t.ok(
    slept.some((ms) => ms >= 120_000),
    `the bot's bucket was waited out (${slept.join(', ')})`,
  );
});

t.test('a global 429 longer than the job will wait stops it; the next run goes on', async (t) => {
  const h = await harness(t);
  await linkMembers(h, 3);
  h.clock.now += HOUR;
  h.emulator.addFault({ kind: 'rate-limit', target: 'user', retryAfter: 3_600, global: true, times: 1 });
  const { timers, slept } = testTimers();
  const summary = await refresh(h, { concurrency: 1, timers });
  t.match(summary, { status: 'stopped', checked: 1, failed: 1 });
  t.match(summary.stopReason, /wait 3600 s/);
  t.same(slept, [], 'nobody waited the hour');
  t.match(await refresh(h), { status: 'done', checked: 3, failed: 0 });
});

t.test('429s of a shared resource are waited out without counting against that budget', async (t) => {
  const h = await harness(t);
  await linkMembers(h, 3);
  h.clock.now += HOUR;
  h.emulator.addFault({ kind: 'rate-limit', target: 'user', retryAfter: 0.01, shared: true, times: 3 });
  const summary = await refresh(h, { maxInvalidRequests: 3, concurrency: 1, timers: testTimers().timers });
  t.match(summary, { status: 'done', checked: 3, failed: 0 });
  t.equal(h.emulator.calls.filter((c) => c.status === 429).length, 3, 'the three 429s were met');
});

t.test('a refresh PUT that landed after a newer verification is corrected by the next run', async (t) => {
  const h = await harness(t);
  const [member] = await linkMembers(h, 1);
  const id = member!.id;
  const worn = () => h.emulator.getRoleConnection(id)?.metadata.tag_worn;
  h.emulator.setPrimaryGuild(id, null);
  h.clock.now += HOUR;
  h.emulator.addFault({ kind: 'hold', target: 'role-connection', times: 1 });
  // Another process's refresh (no shared lock): its PUT of tag_worn 0 is slow to land.
  const job = refresh(h, { userId: id });
  await waitFor(() => h.emulator.held.count === 1, { what: "the refresh's PUT to be held" });
  h.emulator.setPrimaryGuild(id, wornTag());
  t.equal((await verify(h, id)).statusCode, 200, 'the member puts the tag back on and verifies');
  t.equal(worn(), '1');
  h.emulator.held.release();
  t.match(await job, { skipped: 1, updated: 0 });
  t.equal(worn(), '0', 'the stale PUT landed last');
  h.clock.now += 1;
  t.match(await refresh(h), { updated: 1 }, 'the member was queued for a fresh PUT');
  t.equal(worn(), '1', 'Discord and our database agree again');
  h.clock.now += 1;
  t.match(await refresh(h), { unchanged: 1, updated: 0 }, 'and stay so');
});

t.test("in the service's own process, a verification waits for the member's refresh", async (t) => {
  const h = await harness(t);
  const [member] = await linkMembers(h, 1);
  const id = member!.id;
  h.emulator.setPrimaryGuild(id, null);
  h.clock.now += HOUR;
  h.emulator.addFault({ kind: 'hold', target: 'role-connection', times: 1 });
  const job = runRefresh({ config: h.config, db: h.db, clock: h.clock, locks: h.locks }, { userId: id });
  await waitFor(() => h.emulator.held.count === 1, { what: "the refresh's PUT to be held" });
  h.emulator.setPrimaryGuild(id, wornTag());
  const page = verify(h, id);
  await waitFor(() => h.emulator.calls.filter((c) => c.route === '/users/@me').length === 2, {
    what: 'the verification to read the member, then wait for their lock',
  });
  h.emulator.held.release();
  t.match(await job, { updated: 1, skipped: 0 }, 'the refresh finished undisturbed');
  t.equal((await page).statusCode, 200);
  const puts = h.emulator.calls
    .filter((c) => c.method === 'PUT')
    .map((c) => (c.body as { metadata: Record<string, string> }).metadata.tag_worn);
  t.same(puts.slice(-2), ['0', '1'], "the verification's PUT came after the refresh's");
  t.equal(h.emulator.getRoleConnection(id)?.metadata.tag_worn, '1');
  t.same(h.members.get(id)?.pushedMetadata?.tag_worn, '1');
});

t.test('a rotation whose answer was lost means "verify again", not "revoked"', async (t) => {
  const h = await harness(t);
  const [lost, gone] = await linkMembers(h, 2);
  h.clock.now += 6.5 * DAY_MS;
  h.emulator.addFault({ kind: 'lost-answer', target: 'token', times: 1 });
  const first = await refresh(h, { concurrency: 1, userId: lost!.id });
  t.match(first, { failed: 1, revoked: 0 }, 'Discord rotated the pair, but the answer never reached us');
  h.emulator.revokeUser(gone!.id);
  const next = await refresh(h, { concurrency: 1 });
  t.match(next, { reverify: 1, revoked: 1 });
  t.match(h.members.get(lost!.id), { linkStatus: 'reverify', accessToken: null, refreshToken: null });
  t.equal(h.members.get(gone!.id)?.linkStatus, 'revoked', 'a member who did revoke is still told apart');
  const metrics = await h.app.inject({ method: 'GET', url: '/metrics' });
  t.match(metrics.body, /linked_members\{status="reverify"\} 1/);
  t.match(metrics.body, /refresh_last_run_members\{result="reverify"\} 1/);
  t.equal((await verify(h, lost!.id)).statusCode, 200, 'verifying again links them');
  t.equal(h.members.get(lost!.id)?.linkStatus, 'linked');
});

t.test('a rotation answered with a 5xx means "verify again" when the retry finds the pair spent', async (t) => {
  const h = await harness(t);
  const [member] = await linkMembers(h, 1);
  h.clock.now += 6.5 * DAY_MS;
  h.emulator.addFault({ kind: 'status', status: 502, afterAct: true, target: 'token', times: 1 });
  const run = await refresh(h, { concurrency: 1 });
  t.match(run, { reverify: 1, revoked: 0 }, 'the member did not leave: Discord rotated, then failed to answer');
  const rotations = h.emulator.calls.filter(
    (c) => c.route === '/oauth2/token' && (c.body as { grant_type?: string }).grant_type === 'refresh_token',
  );
  t.same(
    rotations.map((c) => c.status),
    [502, 400],
    'the spoiled rotation, then the retry refused',
  );
  t.match(h.members.get(member!.id), { linkStatus: 'reverify', accessToken: null, refreshToken: null });
});

t.test('a rotation that failed with 5xx on every try leaves the next refusal as "verify again"', async (t) => {
  const h = await harness(t);
  const [member] = await linkMembers(h, 1);
  h.clock.now += 6.5 * DAY_MS;
  h.emulator.addFault({ kind: 'status', status: 502, afterAct: true, target: 'token', times: 1 });
  h.emulator.addFault({ kind: 'status', status: 502, target: 'token', times: 10 });
  t.match(await refresh(h, { concurrency: 1 }), { failed: 1, revoked: 0 });
  h.emulator.clearFaults();
  const second = await refresh(h, { concurrency: 1 });
  t.match(second, { reverify: 1, revoked: 0 });
  t.equal(h.members.get(member!.id)?.linkStatus, 'reverify');
});

t.test('a run whose process died is closed as died by the next run', async (t) => {
  const h = await harness(t);
  await linkMembers(h, 1);
  h.db.$client
    .prepare("insert into refresh_runs (started_at, status, dry_run) values (?, 'running', 0)")
    .run(h.clock.now);
  h.clock.now += HOUR;
  await refresh(h);
  const runs = h.db.$client.prepare('select status, finished_at as finishedAt from refresh_runs order by id').all();
  t.same(runs, [
    { status: 'died', finishedAt: h.clock.now },
    { status: 'done', finishedAt: h.clock.now },
  ]);
});
