import t from 'tap';
import { parseFault } from '../../src/emulator/faults.js';
import { BOT_TOKEN, CLIENT_ID, assertUserRateLimited, bearer, emulator, formInit } from './helpers.js';

const metadata = `/applications/${CLIENT_ID}/role-connections/metadata`;
const bot = { Authorization: `Bot ${BOT_TOKEN}` };

t.test('status faults answer a Discord-like error the given number of times, on their target only', async (t) => {
  const emu = await emulator(t);
  const { access } = await emu.login(['identify']);
  emu.state.addFault({ kind: 'status', target: 'user', status: 502, times: 2 });
  emu.state.addFault({ kind: 'status', status: 500 });

  const meta = await emu.call(metadata, { headers: bot });
  t.equal(meta.status, 500, 'the untargeted fault hits any route');
  t.same(await meta.json(), { message: '500: Internal Server Error', code: 0 });
  for (let i = 0; i < 2; i += 1) {
    const res = await emu.call('/users/@me', { headers: bearer(access) });
    t.equal(res.status, 502);
    t.same(await res.json(), { message: '502: Bad Gateway', code: 0 });
  }
  t.equal((await emu.call('/users/@me', { headers: bearer(access) })).status, 200, 'used up');
  t.equal((await emu.call(metadata, { headers: bot })).status, 200);

  emu.state.addFault({ kind: 'status', target: 'token', status: 503, times: 5 });
  emu.state.clearFaults();
  t.equal((await emu.call(metadata, { headers: bot })).status, 200, 'clearFaults removes them');
});

t.test('rate-limit faults answer 429 like Discord, global or per route', async (t) => {
  const emu = await emulator(t, { rateLimit: { limit: 10, windowMs: 1000 } });
  emu.state.addFault({ kind: 'rate-limit', target: 'metadata', retryAfter: 2.5 });
  await assertUserRateLimited(t, await emu.call(metadata, { headers: bot }), {
    retryAfter: 2.5,
    retryAfterHeader: '3',
    resetAfterHeader: '2.500',
  });

  emu.state.addFault({ kind: 'rate-limit', retryAfter: 0.25, global: true });
  const global = await emu.call(metadata, { headers: bot });
  t.equal(global.status, 429);
  t.same(await global.json(), { message: 'You are being rate limited.', retry_after: 0.25, global: true });
  t.equal(global.headers.get('x-ratelimit-global'), 'true');
  t.equal(global.headers.get('x-ratelimit-scope'), 'global');
  t.equal(emu.state.invalidRequests, 2);
  t.equal((await emu.call(metadata, { headers: bot })).status, 200);
});

t.test('revoked faults answer as if the grant were gone, per route kind', async (t) => {
  const emu = await emulator(t);
  const { access, refresh } = await emu.login();
  emu.state.addFault({ kind: 'revoked', times: 4 });
  const me = await emu.call('/users/@me', { headers: bearer(access) });
  t.equal(me.status, 401);
  t.same(await me.json(), { message: '401: Unauthorized', code: 0 });
  const conn = await emu.call(`/users/@me/applications/${CLIENT_ID}/role-connection`, { headers: bearer(access) });
  t.equal(conn.status, 401);
  const token = await emu.call('/oauth2/token', formInit({ grant_type: 'refresh_token', refresh_token: refresh }));
  t.equal(token.status, 400);
  t.same(await token.json(), { error: 'invalid_grant', error_description: 'Invalid "refresh_token" in request' });
  const revoke = await emu.call('/oauth2/token/revoke', formInit({ token: refresh }));
  t.equal(revoke.status, 200);
  t.same(await revoke.json(), {});

  t.equal((await emu.call('/users/@me', { headers: bearer(access) })).status, 200, 'the real grant was never touched');
  emu.state.addFault({ kind: 'revoked', target: 'token' });
  const code = await emu.call('/oauth2/token', formInit({ grant_type: 'authorization_code', code: 'x' }));
  t.same(await code.json(), { error: 'invalid_grant', error_description: 'Invalid "code" in request.' });
});

t.test('latency faults delay the answer; a client timeout leaves the emulator healthy', async (t) => {
  const emu = await emulator(t);
  const { access } = await emu.login(['identify']);
  emu.state.addFault({ kind: 'latency', target: 'user', ms: 60_000, times: 1 });
  const timedOut = await emu.call('/users/@me', { headers: bearer(access), signal: AbortSignal.timeout(100) }).then(
    () => 'answered',
    (error: Error) => error.name,
  );
  t.equal(timedOut, 'TimeoutError');
  t.equal((await emu.call('/users/@me', { headers: bearer(access) })).status, 200, 'later calls are answered');

  emu.state.addFault({ kind: 'latency', target: 'user', ms: 20, times: 1 });
  emu.state.addFault({ kind: 'status', target: 'user', status: 503 });
  t.equal(
    (await emu.call('/users/@me', { headers: bearer(access) })).status,
    503,
    'latency combines with another fault',
  );
  // The 60 s request is still pending: closing the app (teardown) wakes it, so the run does not wait a minute.
});

t.test('a slow request finishes after the client gave up and is logged with status 0', async (t) => {
  const emu = await emulator(t);
  const { access } = await emu.login(['identify']);
  // Taken when the request arrives, however late a loaded machine delivers it.
  emu.state.addFault({ kind: 'latency', ms: 300, times: 1 });
  const gaveUp = await emu.call('/users/@me', { headers: bearer(access), signal: AbortSignal.timeout(30) }).then(
    () => 'answered',
    (error: Error) => error.name,
  );
  t.equal(gaveUp, 'TimeoutError');
  // Poll the log rather than sleeping a fixed time.
  while (emu.state.calls.length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
  t.match(emu.state.calls[1], { route: '/users/@me', status: 0 });
});

t.test('a fault added while an abandoned request sleeps is left for the next request', async (t) => {
  const emu = await emulator(t);
  const { access } = await emu.login(['identify']);
  emu.state.addFault({ kind: 'latency', target: 'user', ms: 200, times: 1 });
  await emu.call('/users/@me', { headers: bearer(access), signal: AbortSignal.timeout(20) }).catch(() => undefined);
  // Once the latency fault is taken, the abandoned request is asleep in the emulator.
  while (emu.state.faults.list().length > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  emu.state.addFault({ kind: 'status', target: 'user', status: 503, times: 1 });
  while (!emu.state.calls.some((c) => c.status === 0)) await new Promise((resolve) => setTimeout(resolve, 20));
  t.equal((await emu.call('/users/@me', { headers: bearer(access) })).status, 503);
});

t.test('parseFault checks control-API input', async (t) => {
  t.same(parseFault({ kind: 'status', status: 502 }), { kind: 'status', status: 502, target: 'any' });
  t.same(parseFault({ kind: 'latency', ms: 5, target: 'token', times: 2 }), {
    kind: 'latency',
    ms: 5,
    target: 'token',
    times: 2,
  });
  t.same(parseFault({ kind: 'rate-limit', retryAfter: 1 }), {
    kind: 'rate-limit',
    retryAfter: 1,
    global: false,
    target: 'any',
  });
  for (const bad of [
    null,
    [],
    { kind: 'nope' },
    { kind: 'status', status: 200 },
    { kind: 'status', status: 500, target: 'x' },
    { kind: 'latency', ms: -1 },
    { kind: 'revoked', times: 0 },
    { kind: 'rate-limit', retryAfter: '1' },
  ]) {
    t.type(parseFault(bad), 'string', JSON.stringify(bad));
  }
});
