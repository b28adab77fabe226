import t from 'tap';
import { CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, bearer, emulator, formInit, jsonInit, type Emu } from './helpers.js';

const newCode = (emu: Emu, scopes = ['identify', 'role_connections.write']): string => {
  const user = emu.state.addUser({ username: 'ana' });
  return emu.state.authorize({ userId: user.id, scopes, redirectUri: REDIRECT_URI });
};
const exchange = (emu: Emu, code: string, redirectUri = REDIRECT_URI, auth: 'body' | 'basic' | 'none' = 'body') =>
  emu.call('/oauth2/token', formInit({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }, auth));
const refresh = (emu: Emu, token: string) =>
  emu.call('/oauth2/token', formInit({ grant_type: 'refresh_token', refresh_token: token }));
const me = (emu: Emu, access: string) => emu.call('/users/@me', { headers: bearer(access) });

t.test("a code exchange answers exactly Discord's token body", async (t) => {
  const emu = await emulator(t, { accessTokenTtlSeconds: 3600 });
  const res = await exchange(emu, newCode(emu));
  t.equal(res.status, 200);
  t.equal(res.headers.get('cache-control'), 'no-store');
  const body = (await res.json()) as Record<string, unknown>;
  t.same(Object.keys(body), ['access_token', 'token_type', 'expires_in', 'refresh_token', 'scope']);
  t.match(body, { token_type: 'Bearer', expires_in: 3600, scope: 'identify role_connections.write' });
  t.match(body.access_token, /^[A-Za-z0-9_-]{30,}$/);
  t.match(body.refresh_token, /^[A-Za-z0-9_-]{30,}$/);
  t.not(body.access_token, body.refresh_token);
  t.equal((await me(emu, body.access_token as string)).status, 200);
});

t.test('only form-encoded bodies are accepted', async (t) => {
  const emu = await emulator(t);
  const fields = {
    grant_type: 'authorization_code',
    code: newCode(emu),
    redirect_uri: REDIRECT_URI,
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
  };
  const attempts: RequestInit[] = [
    jsonInit('POST', fields),
    { method: 'POST', body: '{"grant_type":', headers: { 'Content-Type': 'application/json' } },
    { method: 'POST', body: new URLSearchParams(fields).toString(), headers: { 'Content-Type': 'text/plain' } },
    // A Blob without a type makes fetch send no Content-Type at all.
    { method: 'POST', body: new Blob([new URLSearchParams(fields).toString()]) },
    { method: 'POST' },
  ];
  for (const init of attempts) {
    const res = await emu.call('/oauth2/token', init);
    t.equal(res.status, 400);
    t.same(await res.json(), { error: 'unsupported_grant_type' });
  }
  t.equal((await exchange(emu, fields.code)).status, 200, 'the code was not consumed by the refused attempts');
});

t.test('client authentication: Basic or body, else 401 invalid_client', async (t) => {
  const emu = await emulator(t);
  t.equal((await exchange(emu, newCode(emu), REDIRECT_URI, 'basic')).status, 200, 'HTTP Basic');
  t.equal((await exchange(emu, newCode(emu), REDIRECT_URI, 'body')).status, 200, 'client_id + client_secret');
  const bad: RequestInit[] = [
    formInit({ grant_type: 'authorization_code', code: newCode(emu), redirect_uri: REDIRECT_URI }, 'none'),
    formInit(
      { grant_type: 'authorization_code', code: newCode(emu), client_id: CLIENT_ID, client_secret: 'wrong' },
      'none',
    ),
    formInit({ grant_type: 'authorization_code', code: newCode(emu), client_id: CLIENT_ID }, 'none'),
  ];
  const wrongBasic = formInit({ grant_type: 'authorization_code', code: newCode(emu) }, 'none');
  wrongBasic.headers = {
    ...(wrongBasic.headers as Record<string, string>),
    Authorization: `Basic ${Buffer.from(`${CLIENT_ID}:nope`).toString('base64')}`,
  };
  bad.push(wrongBasic);
  for (const init of bad) {
    const res = await emu.call('/oauth2/token', init);
    t.equal(res.status, 401);
    t.same(await res.json(), { error: 'invalid_client' });
  }
  const unknown = await emu.call('/oauth2/token', formInit({ grant_type: 'password' }));
  t.equal(unknown.status, 400);
  t.same(await unknown.json(), { error: 'unsupported_grant_type' });
});

t.test('codes are single-use, expire, and are bound to their redirect_uri', async (t) => {
  const emu = await emulator(t, { codeTtlMs: 60_000 });
  const invalidCode = { error: 'invalid_grant', error_description: 'Invalid "code" in request.' };

  const code = newCode(emu);
  const mismatch = await exchange(emu, code, 'http://127.0.0.1:3000/other');
  t.equal(mismatch.status, 400);
  t.same(await mismatch.json(), { error: 'invalid_grant', error_description: 'Invalid "redirect_uri" in request.' });
  const missingUri = await emu.call('/oauth2/token', formInit({ grant_type: 'authorization_code', code }));
  t.same(await missingUri.json(), { error: 'invalid_grant', error_description: 'Invalid "redirect_uri" in request.' });

  const first = (await (await exchange(emu, code)).json()) as { access_token: string; refresh_token: string };
  const replay = await exchange(emu, code);
  t.equal(replay.status, 400);
  t.same(await replay.json(), invalidCode);
  t.equal((await me(emu, first.access_token)).status, 401, 'a replay revokes the tokens the code produced');
  t.equal((await refresh(emu, first.refresh_token)).status, 400);

  const late = newCode(emu);
  emu.clock.now += 60_000;
  t.same(await (await exchange(emu, late)).json(), invalidCode, 'expired');
  t.same(await (await exchange(emu, 'made-up')).json(), invalidCode, 'unknown');
  t.same(
    await (
      await emu.call('/oauth2/token', formInit({ grant_type: 'authorization_code', redirect_uri: REDIRECT_URI }))
    ).json(),
    invalidCode,
    'missing',
  );
});

t.test('refresh rotates both tokens and rejects the old refresh token', async (t) => {
  const emu = await emulator(t);
  const { access, refresh: oldRefresh } = await emu.login();
  const res = await refresh(emu, oldRefresh);
  t.equal(res.status, 200);
  const next = (await res.json()) as { access_token: string; refresh_token: string; scope: string };
  t.not(next.access_token, access);
  t.not(next.refresh_token, oldRefresh);
  t.equal(next.scope, 'identify role_connections.write');

  const reused = await refresh(emu, oldRefresh);
  t.equal(reused.status, 400);
  t.same(await reused.json(), { error: 'invalid_grant', error_description: 'Invalid "refresh_token" in request' });
  t.equal((await me(emu, access)).status, 200, 'the old access token lives until it expires');
  t.equal((await me(emu, next.access_token)).status, 200);
  t.equal((await refresh(emu, next.refresh_token)).status, 200, 'the new refresh token works once');
});

t.test('revoke kills the whole grant; unknown tokens still get 200', async (t) => {
  const emu = await emulator(t);
  const revoke = (fields: Record<string, string>, auth: 'body' | 'basic' | 'none' = 'basic') =>
    emu.call('/oauth2/token/revoke', formInit(fields, auth));

  const a = await emu.login();
  const res = await revoke({ token: a.access, token_type_hint: 'access_token' });
  t.equal(res.status, 200);
  t.same(await res.json(), {});
  t.equal((await me(emu, a.access)).status, 401);
  t.same(await (await refresh(emu, a.refresh)).json(), {
    error: 'invalid_grant',
    error_description: 'Invalid "refresh_token" in request',
  });

  const b = await emu.login();
  t.equal((await revoke({ token: b.refresh, token_type_hint: 'refresh_token' }, 'body')).status, 200);
  t.equal((await me(emu, b.access)).status, 401, 'revoking the refresh token also kills the access token');

  // One authorization per user: a revoke also ends the pairs of the user's other consents.
  const user = emu.state.addUser({ username: 'cy' });
  const consent = async () => {
    const code = emu.state.authorize({ userId: user.id, scopes: ['identify'], redirectUri: REDIRECT_URI });
    return (await (await exchange(emu, code)).json()) as { access_token: string; refresh_token: string };
  };
  const first = await consent();
  const second = await consent();
  const other = await emu.login(['identify'], 'dee');
  t.equal((await revoke({ token: second.refresh_token })).status, 200);
  t.equal((await me(emu, first.access_token)).status, 401, 'the earlier consent is ended too');
  t.equal((await refresh(emu, first.refresh_token)).status, 400);
  t.equal((await me(emu, other.access)).status, 200, "another user's pair lives on");
  const third = await consent();
  t.equal((await revoke({ token: first.refresh_token })).status, 200);
  t.equal((await me(emu, third.access_token)).status, 200, 'a token of an authorization already revoked ends nothing');

  t.equal((await revoke({ token: 'never-issued' })).status, 200);
  const missing = await revoke({});
  t.equal(missing.status, 400);
  t.same(await missing.json(), { error: 'invalid_request' });
  t.same(await (await revoke({ token: 'x' }, 'none')).json(), { error: 'invalid_client' });
  const json = await emu.call('/oauth2/token/revoke', jsonInit('POST', { token: 'x' }));
  t.equal(json.status, 400);
  t.same(await json.json(), { error: 'invalid_request' });

  const calls = emu.state.calls.filter((c) => c.route === '/oauth2/token/revoke');
  t.equal(calls[0]?.userId, a.userId, 'the call log names the user');
  t.match(calls[0]?.body, { token: '[redacted]', token_type_hint: 'access_token' }, 'and never keeps tokens');
});
