import t from 'tap';
import { UA, assertUserRateLimited, bearer, emulator, formInit } from './helpers.js';

t.test('only /api/v10 serves the API', async (t) => {
  const emu = await emulator(t);
  const get = (path: string) => fetch(`${emu.url}${path}`, { headers: { 'User-Agent': UA } });
  for (const version of ['3', '4', '5']) {
    const res = await get(`/api/v${version}/users/@me`);
    t.equal(res.status, 400, `v${version} is discontinued`);
    t.match(await res.json(), { code: 0, message: /^400: Bad Request.*\/api\/v10/ });
  }
  for (const path of ['/api/users/@me', '/api/oauth2/token', '/api/v9/users/@me', '/api']) {
    const res = await get(path);
    t.equal(res.status, 404, path);
    t.match(await res.json(), { code: 0, message: /^404: Not Found.*\/api\/v10/ });
  }
  const unknown = await get('/api/v10/users/@me/guilds');
  t.equal(unknown.status, 404);
  t.same(await unknown.json(), { message: '404: Not Found', code: 0 });
  const wrongMethod = await fetch(`${emu.api}/users/@me`, { method: 'POST', headers: { 'User-Agent': UA } });
  t.equal(wrongMethod.status, 404);
  const elsewhere = await fetch(`${emu.url}/nothing/here`);
  t.same(await elsewhere.json(), { message: '404: Not Found', code: 0 });
});

t.test('API calls need a DiscordBot User-Agent; browser pages do not', async (t) => {
  const emu = await emulator(t);
  const { access } = await emu.login();
  for (const agent of [undefined, 'Mozilla/5.0', 'node', 'discordbot (x, 1)']) {
    const headers: Record<string, string> = { ...bearer(access), ...(agent ? { 'User-Agent': agent } : {}) };
    const res = await fetch(`${emu.api}/users/@me`, { headers });
    t.equal(res.status, 403, String(agent));
    t.same(await res.json(), { message: 'Missing or invalid User-Agent', code: 0 });
  }
  t.equal(emu.state.invalidRequests, 4, 'each 403 counts as an invalid request');
  t.equal(
    (await fetch(`${emu.api}/users/@me`, { headers: { ...bearer(access), 'User-Agent': `${UA} Node.js/20` } })).status,
    200,
  );
  const token = await fetch(`${emu.api}/oauth2/token`, formInit({ grant_type: 'refresh_token', refresh_token: 'x' }));
  t.equal(token.status, 403, 'the token endpoint is an API call too');
});

t.test('rate limit headers on every API answer, 429 once a bucket is empty', async (t) => {
  const emu = await emulator(t, { rateLimit: { limit: 3, windowMs: 60_000 } });
  const a = await emu.login(['identify'], 'a');
  const b = await emu.login(['identify'], 'b');
  const me = (token: string) => emu.call('/users/@me', { headers: bearer(token) });

  const seen: string[] = [];
  let bucket: string | null = null;
  for (let i = 0; i < 3; i += 1) {
    const res = await me(a.access);
    t.equal(res.status, 200);
    t.equal(res.headers.get('x-ratelimit-limit'), '3');
    seen.push(res.headers.get('x-ratelimit-remaining') ?? '');
    const resetAfter = Number(res.headers.get('x-ratelimit-reset-after'));
    t.ok(resetAfter > 50 && resetAfter <= 60, 'Reset-After counts down from the window');
    const reset = Number(res.headers.get('x-ratelimit-reset'));
    t.ok(Math.abs(reset - (emu.clock.now / 1000 + resetAfter)) < 0.002, 'Reset is epoch seconds');
    bucket ??= res.headers.get('x-ratelimit-bucket');
    t.equal(res.headers.get('x-ratelimit-bucket'), bucket);
  }
  t.same(seen, ['2', '1', '0']);
  t.match(bucket, /^[0-9a-f]{32}$/);

  emu.clock.now += 500;
  await assertUserRateLimited(t, await me(a.access), {
    retryAfter: 59.5,
    retryAfterHeader: '60',
    resetAfterHeader: '59.500',
  });
  t.equal(emu.state.invalidRequests, 1);

  const other = await me(b.access);
  t.equal(other.status, 200, 'another user has their own bucket');
  t.equal(other.headers.get('x-ratelimit-bucket'), bucket, 'with the same bucket id');
  const otherRoute = await emu.call('/users/@me/applications/1/role-connection', { headers: bearer(a.access) });
  t.equal(otherRoute.headers.get('x-ratelimit-remaining'), '2', 'another route has its own bucket');
  t.not(otherRoute.headers.get('x-ratelimit-bucket'), bucket);
  t.ok((await emu.call('/nope')).headers.get('x-ratelimit-limit'), 'unknown routes carry headers too');

  emu.clock.now += 59_500;
  t.equal((await me(a.access)).status, 200, 'the window resets with the injected clock');
});

t.test('a window also ends in real time, so a client that waits is served under a frozen clock', async (t) => {
  const real = { now: 1_000_000 };
  const emu = await emulator(t, { rateLimit: { limit: 1, windowMs: 1_000 }, realClock: () => real.now });
  const { access } = await emu.login(['identify']);
  t.equal((await emu.call('/users/@me', { headers: bearer(access) })).status, 200);
  const limited = await emu.call('/users/@me', { headers: bearer(access) });
  t.equal(limited.status, 429);
  t.equal(limited.headers.get('x-ratelimit-reset-after'), '1.000');
  real.now += 999;
  t.equal((await emu.call('/users/@me', { headers: bearer(access) })).status, 429, 'not a moment early');
  real.now += 1;
  t.equal((await emu.call('/users/@me', { headers: bearer(access) })).status, 200, 'the injected clock never moved');
});

t.test('rateLimit: false turns limits and headers off', async (t) => {
  const emu = await emulator(t, { rateLimit: false });
  const { access } = await emu.login();
  for (let i = 0; i < 30; i += 1) t.equal((await emu.call('/users/@me', { headers: bearer(access) })).status, 200);
  t.equal((await emu.call('/users/@me', { headers: bearer(access) })).headers.get('x-ratelimit-limit'), null);
});

t.test('the call log records each API request without secrets', async (t) => {
  const emu = await emulator(t);
  const { userId, access } = await emu.login(['identify']);
  await emu.call('/users/@me', { headers: bearer(access) });
  await emu.call('/users/@me', { headers: { Authorization: 'Bot x' } });
  await fetch(`${emu.url}/_emulator/state`);
  const [token, me, bot] = emu.state.calls;
  t.equal(emu.state.calls.length, 3, 'control API calls are not logged');
  t.match(token, { method: 'POST', route: '/oauth2/token', status: 200, auth: 'none', userId, at: emu.clock.now });
  t.same(token?.body, {
    grant_type: 'authorization_code',
    code: '[redacted]',
    redirect_uri: 'http://127.0.0.1:3000/linked-role/callback',
    client_id: '100000000000000001',
    client_secret: '[redacted]',
  });
  t.match(me, { method: 'GET', route: '/users/@me', status: 200, auth: 'bearer', userId });
  t.notOk(me && 'body' in me);
  t.match(bot, { route: '/users/@me', status: 401, auth: 'bot' });
  t.notMatch(JSON.stringify(emu.state.calls), access);
});

t.test('errors never leak internals', async (t) => {
  const emu = await emulator(t);
  const res = await emu.call(`/applications/1/role-connections/metadata`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bot bot-token-for-tests' },
    body: 'x'.repeat(2_000_000),
  });
  t.equal(res.status, 413);
  t.same(await res.json(), { message: '413: Payload Too Large', code: 0 });
});

t.test("a malformed URL gets Discord's generic 400", async (t) => {
  const emu = await emulator(t);
  const res = await fetch(`${emu.url}/api/v10/users/%E0%A4%A`, { headers: { 'User-Agent': UA } });
  t.equal(res.status, 400);
  t.same(await res.json(), { message: '400: Bad Request', code: 0 });
});

t.test('a percent-encoded @me (as @discordjs/rest sends it) is the same route', async (t) => {
  const emu = await emulator(t);
  const { userId, access } = await emu.login(['identify']);
  const res = await emu.call('/users/%40me', { headers: bearer(access) });
  t.equal(res.status, 200);
  t.match(await res.json(), { id: userId });
  t.equal(emu.state.calls.at(-1)?.route, '/users/@me');
});
