import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import t, { type Test } from 'tap';
import { runRefresh } from '../../src/refresh/job.js';
import { appWithLogs, harness, startVerification, verify, wornTag } from '../helpers.js';
import { waitFor } from '../wait-for.js';

const noInternals = (t: Test, body: string) => {
  t.notMatch(body, /at .*\.(ts|js):\d+/, 'no stack trace');
  t.notMatch(body, /Error:|DiscordAPIError|HTTPError/, 'no internal error names');
};

t.test('Discord failures end on a page with the right status', async (t) => {
  const h = await harness(t, { client: { retries: 1, timeoutMs: 2_000, maxRateLimitWaitMs: 1_000 } });
  const user = h.emulator.addUser({ username: 'ana', primary_guild: wornTag() });
  const cases = [
    {
      name: 'token endpoint down',
      fault: { kind: 'status', target: 'token', status: 503, times: 5 },
      status: 502,
      text: /Discord is not answering properly/,
    },
    {
      name: '/users/@me down',
      fault: { kind: 'status', target: 'user', status: 500, times: 5 },
      status: 502,
      text: /try again/,
    },
    {
      name: 'timeout',
      fault: { kind: 'hold', target: 'user', times: 2 },
      status: 504,
      text: /did not answer in time/,
    },
    {
      name: 'revoked meanwhile',
      fault: { kind: 'revoked', target: 'user', times: 1 },
      status: 403,
      text: /withdrew the access/,
    },
    {
      name: 'code spent, then a 5xx',
      fault: { kind: 'status', target: 'token', status: 502, afterAct: true, times: 1 },
      status: 502,
      text: /Discord is not answering properly/,
    },
    {
      name: 'role connection down',
      fault: { kind: 'status', target: 'role-connection', status: 502, times: 5 },
      status: 502,
      text: /try again/,
    },
    // Last: the token endpoint's limit holds every sign-in after it for those 30 s.
    {
      name: 'long rate limit',
      fault: { kind: 'rate-limit', target: 'token', retryAfter: 30, times: 1 },
      status: 429,
      text: /try again in 30 seconds/,
    },
  ] as const;
  for (const c of cases) {
    h.emulator.clearFaults();
    h.emulator.addFault(c.fault);
    const res = await verify(h, user.id);
    h.emulator.held.release();
    t.equal(res.statusCode, c.status, c.name);
    t.match(res.headers['content-type'], /text\/html/, c.name);
    t.match(res.body, c.text, c.name);
    t.match(res.body, /Start again/, c.name);
    noInternals(t, res.body);
    if (c.status === 429) t.equal(res.headers['retry-after'], '30');
  }
});

t.test('a short rate limit is waited out', async (t) => {
  const h = await harness(t);
  const user = h.emulator.addUser({ username: 'ana', primary_guild: wornTag() });
  h.emulator.addFault({ kind: 'rate-limit', target: 'role-connection', retryAfter: 0.05, times: 1 });
  const res = await verify(h, user.id);
  t.equal(res.statusCode, 200);
  t.equal(h.emulator.getRoleConnection(user.id)?.metadata.tag_worn, '1');
});

t.test('a failed role-connection PUT keeps the tokens and history', async (t) => {
  const h = await harness(t, { client: { retries: 0 } });
  const user = h.emulator.addUser({ username: 'ana', primary_guild: wornTag() });
  h.emulator.addFault({ kind: 'status', target: 'role-connection', status: 500, times: 1 });
  const res = await verify(h, user.id);
  t.equal(res.statusCode, 502);
  const row = h.members.get(user.id)!;
  t.ok(row.accessToken && row.refreshToken);
  t.equal(row.wearingSince, h.clock.now);
  t.equal(row.pushedMetadata, null, 'nothing recorded as pushed');
  t.equal(h.emulator.getRoleConnection(user.id), undefined);
  const retry = await verify(h, user.id);
  t.equal(retry.statusCode, 200, 'retrying works');
  t.equal(h.members.get(user.id)!.wearingSince, row.wearingSince, 'history kept across the failure');
});

t.test(
  'a write the database refuses ends on an error page; the stored row survives and still works at Discord',
  async (t) => {
    const h = await harness(t);
    const { app, lines } = await appWithLogs(t, h);
    const user = h.emulator.addUser({ username: 'ana', primary_guild: wornTag() });
    t.equal((await verify({ ...h, app }, user.id)).statusCode, 200);
    const before = h.members.get(user.id)!;
    const grants = h.emulator.liveGrants(user.id);
    // As a full disk would: SQLite refuses the commit of the re-verification.
    h.db.$client.exec(
      `CREATE TRIGGER refuse BEFORE UPDATE ON members BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`,
    );
    h.clock.now += 60_000;
    const res = await verify({ ...h, app }, user.id);
    t.equal(res.statusCode, 500);
    t.match(res.headers['content-type'], /text\/html/);
    noInternals(t, res.body);
    t.notMatch(res.body, /disk is full/, 'the database error stays in the log');
    t.same(h.members.get(user.id), before, 'tokens, history and revision as they were');
    t.equal(h.emulator.liveGrants(user.id), grants + 1, 'the new pair is dropped, not revoked');
    t.match(
      lines().find((l) => l.level >= 50),
      { err: { message: /disk is full/ } },
    );
    // A revoke of the new pair would have ended the stored one too (one authorization per member).
    await t.resolves(h.discord.refresh(before.refreshToken!), 'the stored refresh token still works');
    h.db.$client.exec('DROP TRIGGER refuse');
    t.equal((await verify({ ...h, app }, user.id)).statusCode, 200, 'once the disk has room the member can link');
  },
);

t.test('a linked member whose verification fails after the code exchange keeps a working link', async (t) => {
  const h = await harness(t, { client: { retries: 0 } });
  const user = h.emulator.addUser({ username: 'ana', primary_guild: wornTag() });
  t.equal((await verify(h, user.id)).statusCode, 200);
  const before = h.members.get(user.id)!;
  h.emulator.addFault({ kind: 'status', target: 'user', status: 500, times: 1 });
  t.equal((await verify(h, user.id)).statusCode, 502);
  t.equal(h.emulator.calls.filter((c) => c.route === '/oauth2/token/revoke').length, 0, 'nothing revoked');
  t.same(h.members.get(user.id), before);
  // Force a token refresh: the refresh job spends the stored refresh token.
  h.clock.now = before.tokenExpiresAt! + 1;
  const summary = await runRefresh({ config: h.config, db: h.db, clock: h.clock }, { retryBaseDelayMs: 1 });
  t.match(summary, { refreshed: 1, revoked: 0, failed: 0 });
  t.equal(h.members.get(user.id)?.linkStatus, 'linked');
});

t.test('missing scopes are refused before touching the member', async (t) => {
  const h = await harness(t);
  const user = h.emulator.addUser({ username: 'ana', primary_guild: wornTag() });
  const s = await startVerification(h);
  const code = h.emulator.authorize({ userId: user.id, scopes: ['identify'], redirectUri: h.config.redirectUri });
  const res = await h.app.inject({
    method: 'GET',
    url: `/linked-role/callback?code=${code}&state=${s.state}`,
    headers: { cookie: s.cookie },
  });
  t.equal(res.statusCode, 403);
  t.match(res.body, /did not grant role_connections.write/);
  t.equal(h.members.get(user.id), undefined);
});

t.test('other pages: unknown path, stylesheet, home', async (t) => {
  const h = await harness(t);
  const missing = await h.app.inject({ method: 'GET', url: '/nope' });
  t.equal(missing.statusCode, 404);
  t.match(missing.body, /Page not found/);
  const css = await h.app.inject({ method: 'GET', url: '/assets/style.css' });
  t.equal(css.statusCode, 200);
  t.match(css.headers['content-type'], /text\/css/);
  const home = await h.app.inject({ method: 'GET', url: '/' });
  t.match(home.body, /href="http:\/\/127.0.0.1:3000\/linked-role"/);
  const post = await h.app.inject({ method: 'POST', url: '/linked-role/callback', payload: 'x' });
  t.equal(post.statusCode, 405, 'the callback is GET only');
  t.match(post.body, /<html/);
  const malformed = await h.app.inject({ method: 'GET', url: '/linked-role/%' });
  t.equal(malformed.statusCode, 400);
  t.match(malformed.headers['content-type'], /text\/html/, 'a malformed address gets a page too, not JSON');
  t.notMatch(malformed.body, /FST_ERR|linked-role\/%/);
});

t.test('a wrong client secret is our fault: a 503 page, an error log, a metric, no row', async (t) => {
  const h = await harness(t, { env: { DISCORD_CLIENT_SECRET: 'reset-in-the-portal' } });
  const { app, lines } = await appWithLogs(t, h);
  const user = h.emulator.addUser({ username: 'ana', primary_guild: wornTag() });
  const res = await verify({ ...h, app }, user.id);
  t.equal(res.statusCode, 503);
  t.match(res.body, /This service is misconfigured/);
  t.match(res.body, /admins have been told/);
  t.notMatch(res.body, /withdrew/);
  noInternals(t, res.body);
  t.equal(h.members.get(user.id), undefined, 'nothing stored, nothing revoked');
  const logged = lines().find((l) => l.level >= 50);
  t.match(logged?.err?.fix, /DISCORD_CLIENT_SECRET/, 'an error-level line says what to fix');
  const metrics = await app.inject({ method: 'GET', url: '/metrics' });
  t.match(metrics.body, /verifications_failed_total\{reason="misconfigured"\} 1/);
});

t.test('a code exchange whose answer was lost is not retried; tokens we will not keep are not revoked', async (t) => {
  const h = await harness(t, { client: { retries: 2 } });
  const user = h.emulator.addUser({ username: 'ana', primary_guild: wornTag() });
  const exchanges = () => h.emulator.calls.filter((c) => c.route === '/oauth2/token').length;
  h.emulator.addFault({ kind: 'lost-answer', target: 'token', times: 1 });
  const lost = await verify(h, user.id);
  t.equal(lost.statusCode, 502);
  t.match(lost.body, /Discord is not answering properly/);
  t.notMatch(lost.body, /expired/, 'not the words of a code spent by our own retry');
  t.equal(exchanges(), 1, 'the code was sent once');
  const orphan = h.emulator.liveGrants(user.id);
  t.equal(orphan, 1, 'Discord made a grant whose tokens never reached us (no client can help that)');

  h.emulator.addFault({ kind: 'status', target: 'user', status: 500, times: 10 });
  const failed = await verify(h, user.id);
  t.equal(failed.statusCode, 502);
  t.equal(h.emulator.liveGrants(user.id), orphan + 1, 'the pair of the failed verification is dropped, not revoked');
  t.equal(h.members.get(user.id), undefined);
  h.emulator.clearFaults();

  const s = await startVerification(h);
  const narrow = h.emulator.authorize({ userId: user.id, scopes: ['identify'], redirectUri: h.config.redirectUri });
  const missing = await h.app.inject({
    method: 'GET',
    url: `/linked-role/callback?code=${narrow}&state=${s.state}`,
    headers: { cookie: s.cookie },
  });
  t.equal(missing.statusCode, 403);
  t.equal(h.emulator.liveGrants(user.id), orphan + 2, 'nor is a pair without the scopes we need');
  t.equal((await verify(h, user.id)).statusCode, 200, 'the member can still link');
});

t.test('every wait of a verification shares one deadline; then the member is told when to come back', async (t) => {
  const h = await harness(t, { client: { deadlineMs: 1_000, maxRateLimitWaitMs: 5_000 } });
  const user = h.emulator.addUser({ username: 'ana', primary_guild: wornTag() });
  // Each 429 alone is short enough to wait out; forty of them are not.
  h.emulator.addFault({ kind: 'rate-limit', target: 'user', retryAfter: 0.4, times: 40 });
  const res = await verify(h, user.id);
  t.equal(res.statusCode, 429);
  t.match(res.body, /Discord asked us to slow down/);
  t.ok(Number(res.headers['retry-after']) >= 1, `Retry-After: ${res.headers['retry-after']}`);
  const limited = h.emulator.calls.filter((c) => c.route === '/users/@me' && c.status === 429).length;
  // Waits of 400 ms fit at most twice in 1 s, so at most three calls were answered 429.
  t.ok(limited >= 1 && limited <= 3, `${limited} calls answered 429 before we gave up`);
  t.equal(h.emulator.liveGrants(user.id), 1, 'the pair we gave up on is dropped, not revoked');
});

t.test('a call still running when the deadline comes is cut short, whatever its own timeout', async (t) => {
  // Without the deadline this PUT would wait for the hold or for its one-minute timeout.
  const h = await harness(t, { client: { retries: 0, timeoutMs: 60_000, deadlineMs: 300 } });
  const user = h.emulator.addUser({ username: 'ana', primary_guild: wornTag() });
  h.emulator.addFault({ kind: 'hold', target: 'role-connection', times: 1 });
  t.teardown(() => h.emulator.held.release());
  const res = await verify(h, user.id);
  t.equal(res.statusCode, 504, 'the member is told the update is unconfirmed');
  t.ok(h.members.get(user.id)?.refreshToken, 'tokens kept for the fresh PUT');
});

t.test('a PUT whose answer never came: the page says so and the member is queued for a fresh PUT', async (t) => {
  const h = await harness(t, { client: { retries: 0, timeoutMs: 2_000 } });
  const user = h.emulator.addUser({ username: 'ana', primary_guild: wornTag() });
  h.emulator.addFault({ kind: 'hold', target: 'role-connection', times: 1 });
  const res = await verify(h, user.id);
  h.emulator.held.release();
  t.equal(res.statusCode, 504);
  t.match(res.body, /We could not confirm the update/);
  t.notMatch(res.body, /Nothing was changed/);
  const row = h.members.get(user.id)!;
  t.ok(row.refreshToken, 'tokens and history kept');
  t.equal(row.pushedMetadata, null, 'nothing is known to be on Discord');
  h.clock.now += 1;
  const summary = await runRefresh({ config: h.config, db: h.db, clock: h.clock }, { retryBaseDelayMs: 1 });
  t.match(summary, { updated: 1 }, 'the next refresh PUTs again');
  t.equal(h.emulator.getRoleConnection(user.id)?.metadata.tag_worn, '1');
});

t.test(
  'a record of the push that cannot be stored leaves the member linked; the next refresh pushes again',
  async (t) => {
    const path = join(mkdtempSync(join(tmpdir(), 'push-record-')), 'members.sqlite');
    const h = await harness(t, { env: { DATABASE_PATH: path } });
    h.db.$client.pragma('busy_timeout = 0');
    const { app, lines } = await appWithLogs(t, h);
    const user = h.emulator.addUser({ username: 'ana', primary_guild: wornTag() });
    h.emulator.addFault({ kind: 'hold', target: 'role-connection', times: 1 });
    t.teardown(() => h.emulator.held.release());
    const answer = verify({ ...h, app }, user.id);
    await waitFor(() => h.emulator.held.list().length === 1, { what: 'the PUT held by the emulator' });
    // Tokens and history are stored by now; another process takes the write lock before the record.
    const other = new Database(path);
    t.teardown(() => other.close());
    other.prepare('BEGIN IMMEDIATE').run();
    h.emulator.held.release();
    const res = await answer;
    other.prepare('ROLLBACK').run();
    t.equal(res.statusCode, 200, 'the member sees the result page');
    t.match(res.body, /ABCD/);
    const row = h.members.get(user.id)!;
    t.ok(row.refreshToken, 'tokens kept');
    t.equal(row.pushedMetadata, null, 'nothing is recorded as pushed');
    t.ok(
      lines().some((line) => line.level === 40 && /not recorded; the next refresh pushes it again/.test(line.msg)),
      'a warning says what was lost',
    );
    h.clock.now += 1;
    const summary = await runRefresh({ config: h.config, db: h.db, clock: h.clock }, { retryBaseDelayMs: 1 });
    t.match(summary, { updated: 1 }, 'the next refresh PUTs again');
  },
);
