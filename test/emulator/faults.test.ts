import t from 'tap';
import { parseFault } from '../../src/emulator/faults.js';
import { waitFor } from '../wait-for.js';
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

t.test('rate-limit faults answer 429 like Discord: per route, global or of a shared resource', async (t) => {
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

  emu.state.addFault({ kind: 'rate-limit', target: 'metadata', retryAfter: 1.5, shared: true });
  const shared = await emu.call(metadata, { headers: bot });
  t.equal(shared.status, 429);
  t.same(await shared.json(), { message: 'The resource is being rate limited.', retry_after: 1.5, global: false });
  t.equal(shared.headers.get('x-ratelimit-scope'), 'shared');
  t.equal(shared.headers.get('x-ratelimit-global'), null);
  t.equal(shared.headers.get('x-ratelimit-reset-after'), '1.500');
  t.equal(emu.state.invalidRequests, 2, 'a shared-resource 429 is not an invalid request');
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

t.test('latency faults delay the answer and combine with another fault; closing wakes a sleeping call', async (t) => {
  const emu = await emulator(t);
  const { access } = await emu.login(['identify']);
  emu.state.addFault({ kind: 'latency', target: 'user', ms: 50, times: 1 });
  emu.state.addFault({ kind: 'status', target: 'user', status: 503 });
  t.equal(
    (await emu.call('/users/@me', { headers: bearer(access) })).status,
    503,
    'latency combines with another fault',
  );
  // A timer never fires early by more than a millisecond of clock granularity.
  t.ok(emu.state.calls.at(-1)!.ms >= 49, `answered after the latency (${emu.state.calls.at(-1)!.ms} ms)`);
  t.equal((await emu.call('/users/@me', { headers: bearer(access) })).status, 200, 'both used up');

  emu.state.addFault({ kind: 'latency', target: 'user', ms: 600_000, times: 1 });
  const sleeping = emu.call('/users/@me', { headers: bearer(access) });
  await waitFor(() => emu.state.faults.list().length === 0, { what: 'the latency fault to be taken' });
  await emu.close();
  t.equal((await sleeping).status, 200, 'closing the emulator answered the sleeping call');
});

t.test('a held call waits for its release, even after the client gave up, and is logged with status 0', async (t) => {
  const emu = await emulator(t);
  const { access } = await emu.login(['identify']);
  emu.state.addFault({ kind: 'hold', target: 'user', times: 1 });
  const abort = new AbortController();
  const gaveUp = emu.call('/users/@me', { headers: bearer(access), signal: abort.signal }).then(
    () => 'answered',
    (error: Error) => error.name,
  );
  await waitFor(() => emu.state.held.count === 1, { what: 'the call to be held' });
  t.match(emu.state.held.list(), [{ method: 'GET', route: '/users/@me', clientGone: false }]);
  t.equal((await emu.call('/users/@me', { headers: bearer(access) })).status, 200, 'other calls go on');
  abort.abort();
  t.equal(await gaveUp, 'AbortError');
  await waitFor(() => emu.state.held.list()[0]?.clientGone, { what: 'the emulator to see the client go' });
  t.equal(emu.state.calls.length, 2, 'a held call is logged only when it ends');
  t.equal(emu.state.held.release(), 1);
  await waitFor(() => emu.state.calls.length === 3, { what: 'the released call to be logged' });
  t.match(emu.state.calls[2], { route: '/users/@me', status: 0 });
  t.equal(emu.state.held.release(), 0, 'nothing left to release');
});

t.test('a released call is answered as usual; closing the emulator releases what is held', async (t) => {
  const emu = await emulator(t);
  const { access } = await emu.login(['identify']);
  emu.state.addFault({ kind: 'hold', target: 'user', times: 2 });
  const first = emu.call('/users/@me', { headers: bearer(access) });
  const second = emu.call('/users/@me', { headers: bearer(access) });
  await waitFor(() => emu.state.held.count === 2, { what: 'both calls to be held' });
  t.equal(emu.state.held.release(1), 1, 'the oldest first');
  t.equal((await first).status, 200);
  t.equal(emu.state.held.count, 1);
  await emu.close();
  t.equal((await second).status, 200, 'answered when the emulator closed');
});

t.test('a fault added while an abandoned request is held is left for the next request', async (t) => {
  const emu = await emulator(t);
  const { access } = await emu.login(['identify']);
  emu.state.addFault({ kind: 'hold', target: 'user', times: 1 });
  const abort = new AbortController();
  const abandoned = emu.call('/users/@me', { headers: bearer(access), signal: abort.signal }).catch(() => undefined);
  await waitFor(() => emu.state.held.count === 1, { what: 'the call to be held' });
  abort.abort();
  await abandoned;
  await waitFor(() => emu.state.held.list()[0]?.clientGone, { what: 'the emulator to see the client go' });
  emu.state.addFault({ kind: 'status', target: 'user', status: 503, times: 1 });
  emu.state.held.release();
  await waitFor(() => emu.state.calls.some((c) => c.status === 0), { what: 'the abandoned call to be logged' });
  t.equal((await emu.call('/users/@me', { headers: bearer(access) })).status, 503);
});

t.test('a lost answer: Discord acts, then the connection drops', async (t) => {
  const emu = await emulator(t);
  const { access, refresh } = await emu.login(['identify']);
  emu.state.addFault({ kind: 'lost-answer', target: 'revoke', times: 1 });
  const lost = await emu.call('/oauth2/token/revoke', formInit({ token: refresh })).then(
    () => 'answered',
    () => 'lost',
  );
  t.equal(lost, 'lost', 'the client got no answer');
  t.equal((await emu.call('/users/@me', { headers: bearer(access) })).status, 401, 'but the grant was revoked');
  t.match(emu.state.calls[1], { route: '/oauth2/token/revoke', status: 0 });
  t.equal((await emu.call('/oauth2/token/revoke', formInit({ token: refresh }))).status, 200, 'used up');
});

t.test('a status after acting: Discord rotates the pair, then answers 502', async (t) => {
  const emu = await emulator(t);
  const { refresh } = await emu.login(['identify']);
  emu.state.addFault({ kind: 'status', status: 502, afterAct: true, target: 'token', times: 1 });
  const spoiled = await emu.call('/oauth2/token', formInit({ grant_type: 'refresh_token', refresh_token: refresh }));
  t.equal(spoiled.status, 502);
  t.same(await spoiled.json(), { message: '502: Bad Gateway', code: 0 });
  t.match(emu.state.calls.at(-1), { route: '/oauth2/token', status: 502 });
  const again = await emu.call('/oauth2/token', formInit({ grant_type: 'refresh_token', refresh_token: refresh }));
  t.equal(again.status, 400, 'the old refresh token was spent by the first call');
  t.match(await again.json(), { error: 'invalid_grant' });
});

t.test('parseFault checks control-API input', async (t) => {
  t.same(parseFault({ kind: 'status', status: 502 }), { kind: 'status', status: 502, target: 'any' });
  t.same(parseFault({ kind: 'latency', ms: 5, target: 'token', times: 2 }), {
    kind: 'latency',
    ms: 5,
    target: 'token',
    times: 2,
  });
  t.same(parseFault({ kind: 'hold', target: 'user' }), { kind: 'hold', target: 'user' });
  t.same(parseFault({ kind: 'status', status: 500, afterAct: true }), {
    kind: 'status',
    status: 500,
    afterAct: true,
    target: 'any',
  });
  t.same(parseFault({ kind: 'lost-answer', times: 2 }), { kind: 'lost-answer', target: 'any', times: 2 });
  t.same(parseFault({ kind: 'rate-limit', retryAfter: 1 }), {
    kind: 'rate-limit',
    retryAfter: 1,
    global: false,
    shared: false,
    target: 'any',
  });
  t.equal(
    parseFault({ kind: 'rate-limit', retryAfter: 1, global: true, shared: true }),
    'a rate limit is global or shared, not both',
  );
  for (const bad of [
    null,
    [],
    { kind: 'nope' },
    { kind: 'status', status: 200 },
    { kind: 'status', status: 500, target: 'x' },
    { kind: 'status', status: 500, afterAct: 'yes' },
    { kind: 'latency', ms: -1 },
    { kind: 'revoked', times: 0 },
    { kind: 'rate-limit', retryAfter: '1' },
    { kind: 'rate-limit', retryAfter: 1, shared: 'yes' },
    { kind: 'rate-limit', retryAfter: 1, bodyOnly: 1 },
  ]) {
    t.type(parseFault(bad), 'string', JSON.stringify(bad));
  }
});
