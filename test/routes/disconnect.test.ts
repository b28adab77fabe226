import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { InvalidGrantError } from '../../src/discord/errors.js';
import { SESSION_COOKIE } from '../../src/routes/member-session.js';
import { commandContext, harness, linkMembers, TOKEN_KEY, verify, wornTag, type Harness } from '../helpers.js';
import { runForget } from '../../src/admin/forget.js';
import type { MemberStore } from '../../src/db/members.js';
import { forgetMember } from '../../src/members/forget-member.js';
import { runRefresh } from '../../src/refresh/job.js';

/** Verifies a member and returns what their browser holds afterwards: the session cookie and CSRF token. */
async function verifiedBrowser(h: Harness, username = 'ana') {
  const user = h.emulator.addUser({ username, primary_guild: wornTag() });
  const res = await verify(h, user.id);
  const session = ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
  t.match(session, /HttpOnly/);
  t.match(session, /SameSite=Strict/);
  const csrf = /name="csrf" value="([^"]+)"/.exec(res.body)?.[1] ?? '';
  const action = /<form class="disconnect" method="post" action="([^"]+)"/.exec(res.body)?.[1];
  return { user, cookie: session.split(';')[0]!, csrf, action };
}

const post = (h: Harness, cookie: string | undefined, body: string, headers: Record<string, string> = {}) =>
  h.app.inject({
    method: 'POST',
    url: '/linked-role/disconnect',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}), ...headers },
    payload: body,
  });

t.test('Disconnect removes the connection on Discord, revokes access and deletes our data', async (t) => {
  const h = await harness(t);
  const browser = await verifiedBrowser(h);
  t.equal(browser.action, 'http://127.0.0.1:3000/linked-role/disconnect');
  const refreshToken = h.members.get(browser.user.id)!.refreshToken!;
  t.ok(h.emulator.getRoleConnection(browser.user.id));
  const res = await post(h, browser.cookie, `csrf=${browser.csrf}`, { origin: 'http://127.0.0.1:3000' });
  t.equal(res.statusCode, 200, res.body);
  t.match(res.body, /Disconnected/);
  t.match(res.body, /deleted everything we\s+stored about you/);
  t.equal(h.emulator.getRoleConnection(browser.user.id), undefined, 'role connection deleted on Discord');
  t.equal(h.members.get(browser.user.id), undefined, 'row deleted');
  await t.rejects(h.discord.refresh(refreshToken), InvalidGrantError, 'authorization revoked');
  t.match(String(res.headers['set-cookie']), new RegExp(`${SESSION_COOKIE}=;`), 'session cleared');
});

t.test('a disconnect without the page’s proof is refused and deletes nothing', async (t) => {
  const h = await harness(t);
  const browser = await verifiedBrowser(h);
  const other = await verifiedBrowser(h, 'bo');
  const cases: [string, string | undefined, string, Record<string, string>][] = [
    ['no cookie', undefined, `csrf=${browser.csrf}`, {}],
    ['no token', browser.cookie, '', {}],
    ['wrong token', browser.cookie, `csrf=${other.csrf}`, {}],
    ['forged cookie', `${SESSION_COOKIE}=${browser.user.id}.x.1`, `csrf=${browser.csrf}`, {}],
    ['another site', browser.cookie, `csrf=${browser.csrf}`, { origin: 'https://evil.example' }],
  ];
  for (const [name, cookie, body, headers] of cases) {
    const res = await post(h, cookie, body, headers);
    t.equal(res.statusCode, 403, name);
    t.match(res.body, /This disconnect request was refused/, name);
  }
  h.clock.now += 61 * 60_000;
  t.equal((await post(h, browser.cookie, `csrf=${browser.csrf}`)).statusCode, 403, 'an hour-old page');
  t.ok(h.members.get(browser.user.id), 'still stored');
  t.ok(h.emulator.getRoleConnection(browser.user.id), 'still on Discord');
});

t.test('Discord being down keeps everything so the member can retry', async (t) => {
  const h = await harness(t, { client: { retries: 0 } });
  const browser = await verifiedBrowser(h);
  h.emulator.addFault({ kind: 'status', target: 'role-connection', status: 503, times: 1 });
  const res = await post(h, browser.cookie, `csrf=${browser.csrf}`);
  t.equal(res.statusCode, 502);
  t.ok(h.members.get(browser.user.id));
  const retry = await post(h, browser.cookie, `csrf=${browser.csrf}`);
  t.equal(retry.statusCode, 200);
});

t.test('a revoke that fails after the role connection went leaves the member to be pushed again', async (t) => {
  const h = await harness(t, { client: { retries: 0 } });
  const browser = await verifiedBrowser(h);
  const id = browser.user.id;
  h.emulator.addFault({ kind: 'status', target: 'revoke', status: 502, times: 1 });
  const res = await post(h, browser.cookie, `csrf=${browser.csrf}`);
  t.equal(res.statusCode, 502);
  t.equal(h.emulator.getRoleConnection(id), undefined, 'the role connection is gone from Discord');
  t.match(h.members.get(id), { linkStatus: 'linked', pushedMetadata: null }, 'the row knows it is no longer there');
  h.clock.now += 60_000;
  const run = await runRefresh({ config: h.config, db: h.db, clock: h.clock }, { retryBaseDelayMs: 5 });
  t.match(run, { checked: 1, updated: 1, failed: 0 });
  t.match(h.emulator.getRoleConnection(id), { metadata: { tag_worn: '1' } }, 'the member who stayed has it back');
  t.equal((await post(h, browser.cookie, `csrf=${browser.csrf}`)).statusCode, 200, 'or can disconnect again');
  t.equal(h.members.get(id), undefined);
});

t.test('npm run forget does the same for an admin', async (t) => {
  const path = join(mkdtempSync(join(tmpdir(), 'forget-')), 'db.sqlite');
  const h = await harness(t, { env: { DATABASE_PATH: path } });
  const [linked, revoked] = await linkMembers(h, 2);
  h.emulator.revokeUser(revoked!.id);
  const env = {
    DISCORD_CLIENT_ID: h.config.clientId,
    DISCORD_CLIENT_SECRET: 'test-client-secret',
    DATABASE_PATH: path,
    TOKEN_ENCRYPTION_KEY: TOKEN_KEY,
    DISCORD_API_URL: `${h.emulatorUrl}/api`,
  };
  const forget = async (argv: string[], extraEnv: Record<string, string> = {}) => {
    const run = commandContext(argv, { ...env, ...extraEnv });
    return { code: await runForget(run.context, h.clock), out: run.out.join('\n'), err: run.err.join('\n') };
  };
  const one = await forget([linked!.id]);
  t.equal(one.code, 0, one.err);
  t.match(one.out, /role connection deleted on Discord, access revoked, stored data deleted/);
  t.equal(h.members.get(linked!.id), undefined);
  t.equal(h.emulator.getRoleConnection(linked!.id), undefined);

  const gone = await forget([revoked!.id]);
  t.equal(gone.code, 0);
  t.match(gone.out, /Discord access was already gone; stored data deleted/);

  const unknown = await forget([linked!.id]);
  t.equal(unknown.code, 1);
  t.match(unknown.err, /No member \d+ is stored/);
  t.equal((await forget([])).code, 2);
  const bob = await forget(['bob']);
  t.equal(bob.code, 2);
  t.match(bob.err, /"bob" is not a Discord user id \(17 to 20 digits\)/);

  const [another] = await linkMembers(h, 1);
  const down = await forget([another!.id], { DISCORD_API_URL: 'http://127.0.0.1:1/api' });
  t.equal(down.code, 1);
  t.match(down.err, /Could not reach Discord.*The stored data was kept: run the command again to finish/);
  t.ok(h.members.get(another!.id));

  // A secret reset in the portal but not in .env: Discord refuses us, not the member.
  const wrongSecret = await forget([another!.id], { DISCORD_CLIENT_SECRET: 'reset-in-the-portal' });
  t.not(wrongSecret.code, 0);
  t.match(wrongSecret.err, /client credentials \(invalid_client\)\. Set DISCORD_CLIENT_ID and DISCORD_CLIENT_SECRET/);
  t.notMatch(wrongSecret.out, /already gone/);
  t.match(h.members.get(another!.id), { linkStatus: 'linked' }, 'the row and its tokens are kept');
  t.ok(h.members.get(another!.id)?.refreshToken);
  t.equal((await forget([another!.id])).code, 0, 'with the right secret the member is forgotten');
  t.equal(h.members.get(another!.id), undefined);
});

t.test('a stale copy of the tokens is renewed before the member is taken for gone', async (t) => {
  const h = await harness(t);
  // Discord ended the access token before the expiry it gave us.
  const early = await verifiedBrowser(h);
  t.equal(h.emulator.expireAccessTokens(early.user.id), 1);
  const res = await post(h, early.cookie, `csrf=${early.csrf}`);
  t.equal(res.statusCode, 200, res.body);
  t.equal(h.emulator.getRoleConnection(early.user.id), undefined, 'role connection deleted on Discord');
  t.equal(h.emulator.liveGrants(early.user.id), 0, 'authorization revoked');
  t.equal(h.members.get(early.user.id), undefined);

  // Another process rotated the pair after this one read the row: the stored refresh token is spent.
  const raced = await verifiedBrowser(h, 'bo');
  const stale = h.members.get(raced.user.id)!;
  h.clock.now = stale.tokenExpiresAt! + 1;
  const rotated = await h.discord.refresh(stale.refreshToken!);
  h.members.replaceTokens(raced.user.id, stale.revision, rotated, h.clock.now);
  // This process read the row before the rotation: its first read returns the old row.
  let reads = 0;
  const members = Object.create(h.members) as MemberStore;
  members.get = (id) => (reads++ === 0 ? stale : h.members.get(id));
  const result = await forgetMember({ members, discord: h.discord, clock: h.clock }, raced.user.id);
  t.same(result, { found: true, revokedOnDiscord: true });
  t.equal(h.emulator.getRoleConnection(raced.user.id), undefined, 'deleted with the fresh pair');
  t.equal(h.emulator.liveGrants(raced.user.id), 0);

  // A member who removed us: the fresh pair is refused too, and only our row is left to delete.
  const gone = await verifiedBrowser(h, 'cy');
  h.emulator.revokeUser(gone.user.id);
  t.equal((await post(h, gone.cookie, `csrf=${gone.csrf}`)).statusCode, 200);
  t.equal(h.members.get(gone.user.id), undefined);
});

t.test('a renewal answered only with 5xx keeps the mark: a refusal later means verify again', async (t) => {
  const h = await harness(t, { client: { retries: 1 } });
  const browser = await verifiedBrowser(h);
  const id = browser.user.id;
  // Discord ended the access token early: the disconnect must renew the pair first.
  t.equal(h.emulator.expireAccessTokens(id), 1);
  h.emulator.addFault({ kind: 'status', target: 'token', status: 502, afterAct: true, times: 1 });
  h.emulator.addFault({ kind: 'status', target: 'token', status: 503, times: 1 });
  const res = await post(h, browser.cookie, `csrf=${browser.csrf}`);
  t.equal(res.statusCode, 502, 'Discord failed: nothing is deleted');
  t.not(h.members.get(id)?.refreshStartedAt ?? null, null, 'Discord may have rotated the pair: the mark stays');
  h.clock.now += 61_000;
  const run = await runRefresh({ config: h.config, db: h.db, clock: h.clock }, { retryBaseDelayMs: 5 });
  t.match(run, { reverify: 1, revoked: 0 });
});

t.test('while another process spends the refresh token, a disconnect waits for its answer', async (t) => {
  const h = await harness(t);
  const browser = await verifiedBrowser(h);
  const row = h.members.get(browser.user.id)!;
  // A refresh run marked the row and spent the token; its answer has not come back yet.
  t.ok(h.members.markRefreshing(row.userId, row.revision, h.clock.now));
  await h.discord.refresh(row.refreshToken!);
  const res = await post(h, browser.cookie, `csrf=${browser.csrf}`);
  t.equal(res.statusCode, 503);
  t.match(res.body, /being updated right now/);
  t.ok(h.members.get(row.userId), 'nothing deleted');
  t.ok(h.emulator.getRoleConnection(row.userId), 'nothing deleted on Discord');

  // A minute later that answer is taken as lost: the pair is gone with it, and only our row is left.
  h.clock.now += 61_000;
  const later = await post(h, browser.cookie, `csrf=${browser.csrf}`);
  t.equal(later.statusCode, 200, later.body);
  t.equal(h.members.get(row.userId), undefined);
});
