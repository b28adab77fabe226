import { createServer as createHttpServer } from 'node:http';
import t from 'tap';
import {
  DiscordRequestError,
  DiscordUnavailableError,
  InvalidGrantError,
  MisconfiguredError,
  RateLimitedError,
  UnauthorizedError,
} from '../../src/discord/errors.js';
import { METADATA_SCHEMA } from '../../src/metadata/connection.js';
import { harness, loopbackListener, movableClock, wornTag, type Harness } from '../helpers.js';
import { createDiscordClient } from '../../src/discord/client.js';

const SCOPES = ['identify', 'role_connections.write'];

t.test('code exchange, refresh with rotation, member calls, revoke', async (t) => {
  const h = await harness(t);
  const user = h.emulator.addUser({ username: 'ana', primary_guild: wornTag() });
  const code = h.emulator.authorize({ userId: user.id, scopes: SCOPES, redirectUri: h.config.redirectUri });
  const tokens = await h.discord.exchangeCode(code);
  t.same(tokens.scopes, SCOPES);
  t.equal(tokens.expiresAt, h.clock.now + 604_800_000);
  const exchange = h.emulator.calls[0]!;
  t.equal(exchange.auth, 'none');
  t.match(exchange.body, {
    grant_type: 'authorization_code',
    redirect_uri: h.config.redirectUri,
    client_id: h.config.clientId,
  });

  const member = h.discord.asMember(tokens.accessToken);
  const me = await member.currentUser();
  t.equal(me.id, user.id);
  t.same(me.primary_guild, wornTag());
  t.same(await member.getRoleConnection(), { platform_name: null, platform_username: null, metadata: {} });
  const body = { platform_name: 'Server Tag', platform_username: 'ABCD', metadata: { tag_worn: '1' } };
  t.same(await member.putRoleConnection(body), body);

  const rotated = await h.discord.refresh(tokens.refreshToken);
  t.not(rotated.refreshToken, tokens.refreshToken);
  await t.rejects(h.discord.refresh(tokens.refreshToken), InvalidGrantError, 'old refresh token is dead');
  t.equal((await h.discord.asMember(rotated.accessToken).currentUser()).id, user.id);

  await member.deleteRoleConnection();
  t.equal(h.emulator.getRoleConnection(user.id), undefined);

  await h.discord.revoke(rotated.refreshToken, 'refresh_token');
  const revokeCall = h.emulator.calls.at(-1)!;
  t.equal(revokeCall.auth, 'basic');
  await t.rejects(h.discord.asMember(rotated.accessToken).currentUser(), UnauthorizedError);
  await t.rejects(h.discord.refresh(rotated.refreshToken), InvalidGrantError);
});

t.test('authorize URL carries every documented parameter', async (t) => {
  const h = await harness(t);
  const url = new URL(h.discord.authorizeUrl('s t'));
  t.same(Object.fromEntries(url.searchParams), {
    response_type: 'code',
    client_id: h.config.clientId,
    scope: 'identify role_connections.write',
    redirect_uri: h.config.redirectUri,
    prompt: 'consent',
    state: 's t',
  });
  t.notMatch(url.search, /\+/, 'spaces are %20');
  const odd = new URL(h.discord.authorizeUrl('a&b=#c+d'));
  t.equal(odd.searchParams.get('state'), 'a&b=#c+d', 'any state comes back as it was, the URL built once');
  t.equal(odd.searchParams.get('prompt'), 'consent');
});

t.test('metadata schema with the bot token', async (t) => {
  const h = await harness(t);
  t.same(await h.discord.getMetadataSchema(), []);
  const pushed = await h.discord.putMetadataSchema(METADATA_SCHEMA);
  t.same(
    pushed.map((r) => r.key),
    METADATA_SCHEMA.map((r) => r.key),
  );
  t.same(
    h.emulator.metadataSchema.map((r) => r.key),
    METADATA_SCHEMA.map((r) => r.key),
  );
  const bad = await t.rejects(h.discord.putMetadataSchema([{ ...METADATA_SCHEMA[0], key: 'Bad-Key' }]));
  t.ok(bad instanceof DiscordRequestError && bad.status === 400 && bad.code === 50035, String(bad));
});

t.test('a wrong bot token or a missing one is reported', async (t) => {
  const h = await harness(t, { env: { DISCORD_BOT_TOKEN: 'wrong' } });
  const wrong = await t.rejects(h.discord.getMetadataSchema());
  t.ok(wrong instanceof MisconfiguredError, 'a 401 on a bot call is our setup, never a member');
  t.match(wrong, { message: /DISCORD_BOT_TOKEN/, fix: /developer portal → Bot/ });
  const none = await harness(t, { env: { DISCORD_BOT_TOKEN: '' } });
  await t.rejects(none.discord.getMetadataSchema(), /DISCORD_BOT_TOKEN is required/);
});

t.test('errors come out as our own types', async (t) => {
  const h = await harness(t, { client: { retries: 1, timeoutMs: 2_000, maxRateLimitWaitMs: 500 } });
  await t.rejects(h.discord.exchangeCode('nope'), InvalidGrantError);

  h.emulator.addFault({ kind: 'status', target: 'token', status: 502, times: 2 });
  const down = await t.rejects(h.discord.exchangeCode('nope'));
  t.ok(down instanceof DiscordUnavailableError && down.reason === 'server' && down.status === 502, String(down));
  t.equal(h.emulator.calls.filter((c) => c.status === 502).length, 2, 'retried once');

  h.emulator.clearFaults();
  h.emulator.addFault({ kind: 'status', target: 'token', status: 503, times: 1 });
  await t.rejects(h.discord.exchangeCode('nope'), InvalidGrantError, 'one 5xx is retried through');

  h.emulator.addFault({ kind: 'hold', target: 'token', times: 2 });
  const slow = await t.rejects(h.discord.exchangeCode('nope'));
  t.ok(slow instanceof DiscordUnavailableError && slow.reason === 'timeout', String(slow));
  t.equal(h.emulator.held.release(), 1, 'a timed-out exchange is not retried: Discord may have spent the code');

  h.emulator.clearFaults();
  h.emulator.addFault({ kind: 'rate-limit', target: 'token', retryAfter: 20, times: 1 });
  const limited = await t.rejects(h.discord.exchangeCode('nope'));
  t.ok(limited instanceof RateLimitedError && limited.retryAfterMs >= 20_000, String(limited));
});

t.test('a refusal on the retry after a 5xx says the grant may have been spent by the failed try', async (t) => {
  const h = await harness(t, { client: { retries: 1 } });
  const user = h.emulator.addUser({ username: 'ana' });
  const code = h.emulator.authorize({ userId: user.id, scopes: SCOPES, redirectUri: h.config.redirectUri });
  const tokens = await h.discord.exchangeCode(code);
  const plain = await t.rejects(h.discord.exchangeCode(code));
  t.ok(plain instanceof InvalidGrantError && !plain.afterFailedTry, 'a first refusal is a plain one');
  h.emulator.addFault({ kind: 'status', target: 'token', status: 502, afterAct: true, times: 1 });
  const spent = await t.rejects(h.discord.refresh(tokens.refreshToken));
  t.ok(spent instanceof InvalidGrantError && spent.afterFailedTry, String(spent));
  t.same(
    h.emulator.calls.slice(-2).map((c) => c.status),
    [502, 400],
    'Discord rotated, answered 502, then refused the spent token',
  );
});

/** A fresh code for a new member, as Discord would send back to the callback. */
function newCode(h: Harness): string {
  const user = h.emulator.addUser({ username: 'ana' });
  return h.emulator.authorize({ userId: user.id, scopes: SCOPES, redirectUri: h.config.redirectUri });
}

const tokenCalls = (h: Harness) => h.emulator.calls.filter((c) => c.route === '/oauth2/token');

t.test('a limit Discord announced on one OAuth call holds the calls of every other client', async (t) => {
  const h = await harness(t);
  h.emulator.addFault({ kind: 'rate-limit', target: 'token', retryAfter: 30, global: true, times: 1 });
  const first = await t.rejects(h.discord.withDeadline().exchangeCode(newCode(h)));
  t.ok(first instanceof RateLimitedError && first.global, String(first));
  // Each verification has a client of its own; the limit is on our address, so it holds them all.
  const next = await t.rejects(h.discord.withDeadline().exchangeCode(newCode(h)));
  t.ok(next instanceof RateLimitedError && next.retryAfterMs > 25_000, String(next));
  await t.rejects(h.discord.revoke('some-token', 'refresh_token'), RateLimitedError, 'a revoke waits too');
  t.equal(tokenCalls(h).length, 1, 'refused here, not sent to be refused again');
  t.equal(h.emulator.invalidRequests, 1);
});

t.test('an emptied OAuth bucket is waited out, or refused unsent past the wait we allow', async (t) => {
  const short = await harness(t, { emulator: { rateLimit: { limit: 1, windowMs: 300 } } });
  await short.discord.exchangeCode(newCode(short));
  await short.discord.withDeadline().exchangeCode(newCode(short));
  t.same(
    tokenCalls(short).map((c) => c.status),
    [200, 200],
    'the second waited for the bucket to refill instead of meeting a 429',
  );

  const long = await harness(t, { emulator: { rateLimit: { limit: 1, windowMs: 60_000 } } });
  await long.discord.exchangeCode(newCode(long));
  const refused = await t.rejects(long.discord.withDeadline().exchangeCode(newCode(long)));
  t.ok(refused instanceof RateLimitedError && refused.retryAfterMs > 55_000, String(refused));
  t.equal(tokenCalls(long).length, 1);
  t.equal(long.emulator.invalidRequests, 0, 'no 429 was asked for');
  await long.discord.revoke('some-token', 'refresh_token');
  t.equal(long.emulator.calls.at(-1)?.route, '/oauth2/token/revoke', 'a bucket of another route holds nothing there');
});

t.test('a redirect URI Discord does not know is our setup, not an expired sign-in', async (t) => {
  const h = await harness(t);
  const user = h.emulator.addUser({ username: 'ana' });
  const code = h.emulator.authorize({ userId: user.id, scopes: SCOPES, redirectUri: h.config.redirectUri });
  const elsewhere = createDiscordClient({ ...h.config, redirectUri: 'https://elsewhere.example/cb' }, movableClock());
  const error = await t.rejects(elsewhere.exchangeCode(code));
  t.ok(error instanceof MisconfiguredError, String(error));
  t.match(error, { fix: /OAuth2 → Redirects/ });
});

t.test('an unreachable Discord is a network failure', async (t) => {
  const { port } = await loopbackListener(t);
  const h = await harness(t);
  const discord = createDiscordClient({ ...h.config, discordApiUrl: `http://127.0.0.1:${port}/api` }, movableClock(), {
    retries: 0,
  });
  const error = await t.rejects(discord.exchangeCode('x'));
  t.ok(error instanceof DiscordUnavailableError && error.reason === 'network', String(error));
});

t.test('paths go out literally, /users/@me and /v10 included', async (t) => {
  const seen: string[] = [];
  const server = createHttpServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ id: '1', username: 'x' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => server.close());
  const { port } = server.address() as { port: number };
  const h = await harness(t);
  const discord = createDiscordClient({ ...h.config, discordApiUrl: `http://127.0.0.1:${port}/api` }, movableClock());
  await discord.asMember('token').currentUser();
  await discord.asMember('token').putRoleConnection({ metadata: {} });
  t.same(seen, ['GET /api/v10/users/@me', `PUT /api/v10/users/@me/applications/${h.config.clientId}/role-connection`]);
});

t.test('the client-credentials check: an OAuth refusal of the unknown token still accepts the client', async (t) => {
  const answers: [number, Record<string, unknown>][] = [
    [400, { error: 'invalid_request' }],
    [400, { error: 'invalid_grant', error_description: 'Invalid "token" in request.' }],
    [200, {}],
    [401, { error: 'invalid_client' }],
    [400, { error: 'invalid_client' }],
    [400, { message: '400: Bad Request', code: 0 }],
  ];
  const seen: string[] = [];
  const server = createHttpServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers.authorization?.split(' ')[0]}`);
    const [status, body] = answers[seen.length - 1]!;
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => server.close());
  const { port } = server.address() as { port: number };
  const h = await harness(t);
  const discord = createDiscordClient({ ...h.config, discordApiUrl: `http://127.0.0.1:${port}/api` }, movableClock());
  await discord.checkClientCredentials();
  await discord.checkClientCredentials();
  await discord.checkClientCredentials();
  await t.rejects(discord.checkClientCredentials(), MisconfiguredError, '401 invalid_client');
  await t.rejects(discord.checkClientCredentials(), MisconfiguredError, '400 invalid_client');
  await t.rejects(
    discord.checkClientCredentials(),
    DiscordRequestError,
    'a 400 that is not OAuth’s is not taken as yes',
  );
  t.same(seen, Array(6).fill('POST /api/v10/oauth2/token/revoke Basic'));
});

t.test('a revoke answered without a body, even one typed as JSON, has succeeded', async (t) => {
  const answers: Array<[number, Record<string, string>]> = [
    [200, { 'content-type': 'application/json' }],
    [204, {}],
    [200, {}],
    [200, { 'content-type': 'application/json' }],
  ];
  let calls = 0;
  const server = createHttpServer((_req, res) => {
    const [status, headers] = answers[calls++]!;
    res.writeHead(status, headers).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => server.close());
  const { port } = server.address() as { port: number };
  const h = await harness(t);
  const discord = createDiscordClient({ ...h.config, discordApiUrl: `http://127.0.0.1:${port}/api` }, movableClock());
  for (const [status] of answers.slice(0, 3)) {
    await t.resolves(discord.revoke('a-token', 'refresh_token'), `${status}`);
  }
  await t.resolves(discord.checkClientCredentials(), 'the credentials check takes an empty 200 as yes');
  t.equal(calls, 4);
});

t.test('a 204 typed as JSON is an answer without a body, not broken JSON', async (t) => {
  const server = createHttpServer((_req, res) => res.writeHead(204, { 'content-type': 'application/json' }).end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => server.close());
  const { port } = server.address() as { port: number };
  const h = await harness(t);
  const discord = createDiscordClient({ ...h.config, discordApiUrl: `http://127.0.0.1:${port}/api` }, movableClock());
  await t.resolves(discord.asMember('a-token').deleteRoleConnection());
});

t.test('a bare 401 from the OAuth endpoints blames the client secret, not the bot token', async (t) => {
  const h = await harness(t);
  for (const target of ['token', 'revoke'] as const) {
    h.emulator.addFault({ kind: 'status', target, status: 401, times: 1 });
  }
  const exchange = h.discord.exchangeCode('any-code');
  await t.rejects(exchange, MisconfiguredError);
  await t.rejects(exchange, { message: /client credentials \(401 Unauthorized\)/, fix: /DISCORD_CLIENT_SECRET/ });
  await t.rejects(h.discord.revoke('a-token', 'refresh_token'), { message: /client credentials/ });
  h.emulator.addFault({ kind: 'status', target: 'members', status: 401, times: 1 });
  await t.rejects(h.discord.listGuildMembers('111111111111111111', '0'), { message: /DISCORD_BOT_TOKEN/ });
});

t.test('a 429 asking for exactly the longest wait we allow is waited out', async (t) => {
  // Retry-After comes in whole seconds.
  const h = await harness(t, { client: { maxRateLimitWaitMs: 1_000 } });
  const { accessToken } = await h.discord.exchangeCode(newCode(h));
  h.emulator.addFault({ kind: 'rate-limit', target: 'user', retryAfter: 1, times: 1 });
  t.ok((await h.discord.asMember(accessToken).currentUser()).id);
  t.same(
    h.emulator.calls.filter((c) => c.route === '/users/@me').map((c) => c.status),
    [429, 200],
  );
  h.emulator.addFault({ kind: 'rate-limit', target: 'user', retryAfter: 2, times: 1 });
  const longer = await t.rejects(h.discord.asMember(accessToken).currentUser());
  t.ok(longer instanceof RateLimitedError, String(longer));
  t.equal(new RateLimitedError(701_050, false).message, 'Discord rate limit: retry after 701 s');
});

t.test('a 429 without Retry-After waits what its body says, never a loop of sends', async (t) => {
  const h = await harness(t, { client: { maxRateLimitWaitMs: 500 } });
  const user = h.emulator.addUser({ username: 'ana' });
  const code = h.emulator.authorize({ userId: user.id, scopes: SCOPES, redirectUri: h.config.redirectUri });
  const { accessToken } = await h.discord.exchangeCode(code);
  const meCalls = () => h.emulator.calls.filter((c) => c.route === '/users/@me').length;

  h.emulator.addFault({ kind: 'rate-limit', target: 'user', retryAfter: 30, bodyOnly: true, times: 50 });
  const limited = await t.rejects(h.discord.asMember(accessToken).currentUser());
  t.ok(limited instanceof RateLimitedError && limited.retryAfterMs >= 30_000, String(limited));
  t.equal(meCalls(), 1, 'the body’s 30 s were taken, so nothing was sent again');

  h.emulator.clearFaults();
  h.emulator.addFault({ kind: 'rate-limit', target: 'user', retryAfter: 30, global: true, bodyOnly: true });
  const global = await t.rejects(h.discord.asMember(accessToken).currentUser());
  t.ok(global instanceof RateLimitedError && global.global, `the body's global flag is kept: ${String(global)}`);
  t.equal(meCalls(), 2);
});
