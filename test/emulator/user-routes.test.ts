import t from 'tap';
import { BOT_TOKEN, CLIENT_ID, GUILD, bearer, emulator, jsonInit } from './helpers.js';

const connection = `/users/@me/applications/${CLIENT_ID}/role-connection`;
const unauthorized = { message: '401: Unauthorized', code: 0 };

t.test('/users/@me answers the documented identify fields and each primary_guild variant', async (t) => {
  const emu = await emulator(t);
  const { userId, access } = await emu.login(['identify']);
  emu.state.addUser({ id: userId, username: 'ana', global_name: 'Ana' });
  const get = async (): Promise<Record<string, unknown>> => {
    const res = await emu.call('/users/@me', { headers: bearer(access) });
    t.equal(res.status, 200);
    return (await res.json()) as Record<string, unknown>;
  };

  const omitted = await get();
  t.same(omitted, {
    id: userId,
    username: 'ana',
    avatar: null,
    discriminator: '0',
    public_flags: 0,
    flags: 0,
    global_name: 'Ana',
    mfa_enabled: false,
    locale: 'en-US',
  });
  t.notOk('primary_guild' in omitted, 'missing when never set');
  t.notOk('email' in omitted);

  emu.state.setPrimaryGuild(userId, null);
  t.equal((await get()).primary_guild, null);
  const worn = { identity_guild_id: GUILD.id, identity_enabled: true, tag: 'ABCD', badge: 'abc123' };
  emu.state.setPrimaryGuild(userId, worn);
  t.same((await get()).primary_guild, worn);
  emu.state.setPrimaryGuild(userId, { identity_guild_id: GUILD.id, identity_enabled: null, tag: null, badge: null });
  t.same((await get()).primary_guild, { identity_guild_id: GUILD.id, identity_enabled: null, tag: null, badge: null });
  emu.state.setPrimaryGuild(userId, undefined);
  t.notOk('primary_guild' in (await get()));
  t.equal(emu.state.calls.at(-1)?.userId, userId);
  emu.state.addUser({ id: userId, username: 'ana', locale: 'zh-TW' });
  t.equal((await get()).locale, 'zh-TW', "the user's own client language");
});

t.test('bad, expired, revoked and bot tokens get 401; a missing scope gets 403', async (t) => {
  const emu = await emulator(t);
  const expect401 = async (headers: Record<string, string>, why: string): Promise<void> => {
    const res = await emu.call('/users/@me', { headers });
    t.equal(res.status, 401, why);
    t.same(await res.json(), unauthorized);
  };
  await expect401({}, 'no Authorization');
  await expect401(bearer('not-a-token'), 'unknown token');
  await expect401({ Authorization: `Bot ${BOT_TOKEN}` }, 'bot token');

  const a = await emu.login(['identify']);
  emu.state.expireAccessTokens(a.userId);
  await expect401(bearer(a.access), 'expired');
  const refreshed = await emu.call('/oauth2/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: a.refresh,
      client_id: CLIENT_ID,
      client_secret: 'client-secret-for-tests',
    }),
  });
  t.equal(refreshed.status, 200, 'refresh still works after expiry');
  const { access_token } = (await refreshed.json()) as { access_token: string };
  t.equal((await emu.call('/users/@me', { headers: bearer(access_token) })).status, 200);

  const b = await emu.login(['identify']);
  emu.clock.now += 604_800_000;
  await expect401(bearer(b.access), 'expired by the clock');

  const c = await emu.login(['identify']);
  emu.state.revokeUser(c.userId);
  await expect401(bearer(c.access), 'revoked');

  const d = await emu.login(['role_connections.write']);
  const res = await emu.call('/users/@me', { headers: bearer(d.access) });
  t.equal(res.status, 403);
  t.same(await res.json(), { message: 'Missing required OAuth2 scope', code: 50026 });
});

t.test('role connection: GET default, PUT stores, DELETE clears', async (t) => {
  const emu = await emulator(t);
  const { userId, access } = await emu.login();
  const empty = await emu.call(connection, { headers: bearer(access) });
  t.equal(empty.status, 200);
  t.same(await empty.json(), { platform_name: null, platform_username: null, metadata: {} });

  const body = {
    platform_name: 'Tag Roles',
    platform_username: 'ana',
    metadata: { tag_worn: '1', since: '2026-11-01T00:00:00.000Z' },
  };
  const put = await emu.call(connection, jsonInit('PUT', body, bearer(access)));
  t.equal(put.status, 200);
  t.same(await put.json(), body);
  t.same(emu.state.getRoleConnection(userId), body);
  t.same(await (await emu.call(connection, { headers: bearer(access) })).json(), body);
  t.same(emu.state.calls.at(-2)?.body, body, 'the call log keeps the JSON body');

  const bare = await emu.call(connection, jsonInit('PUT', { metadata: { tag_worn: '0' } }, bearer(access)));
  t.same(
    await bare.json(),
    { platform_name: null, platform_username: null, metadata: { tag_worn: '0' } },
    'PUT replaces',
  );

  const del = await emu.call(connection, { method: 'DELETE', headers: bearer(access) });
  t.equal(del.status, 204);
  t.equal(await del.text(), '');
  t.equal(emu.state.getRoleConnection(userId), undefined);
});

t.test('role connection auth: scope, application and Content-Type', async (t) => {
  const emu = await emulator(t);
  const identifyOnly = await emu.login(['identify']);
  const scoped = await emu.call(connection, { headers: bearer(identifyOnly.access) });
  t.equal(scoped.status, 403);
  t.same(await scoped.json(), { message: 'Missing required OAuth2 scope', code: 50026 });
  t.equal((await emu.call(connection, { method: 'DELETE' })).status, 401);

  const { access } = await emu.login();
  const other = await emu.call('/users/@me/applications/999999999999999999/role-connection', {
    headers: bearer(access),
  });
  t.equal(other.status, 403);
  t.same(await other.json(), { message: 'Missing Access', code: 50001 });

  const form = await emu.call(connection, {
    method: 'PUT',
    headers: { ...bearer(access), 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'platform_name=x',
  });
  t.equal(form.status, 400);
  t.match(await form.json(), { code: 50035, errors: { _errors: [{ code: 'CONTENT_TYPE_INVALID' }] } });

  const broken = await emu.call(connection, {
    method: 'PUT',
    headers: { ...bearer(access), 'Content-Type': 'application/json' },
    body: '{"metadata":',
  });
  t.equal(broken.status, 400);
  t.same(await broken.json(), { message: 'The request body contains invalid JSON.', code: 50109 });
});

t.test('role connection validation answers 50035 with errors at the field path', async (t) => {
  const emu = await emulator(t);
  const { userId, access } = await emu.login();
  const put = async (body: unknown): Promise<Record<string, unknown>> => {
    const res = await emu.call(connection, jsonInit('PUT', body, bearer(access)));
    t.equal(res.status, 400, JSON.stringify(body).slice(0, 60));
    const json = (await res.json()) as Record<string, unknown>;
    t.match(json, { code: 50035, message: 'Invalid Form Body' });
    return json.errors as Record<string, unknown>;
  };
  const leaf = (code: string) => ({ _errors: [{ code, message: String }] });

  t.match(
    await put({ metadata: { tag_worn: 1 } }),
    { metadata: { tag_worn: leaf('BASE_TYPE_STRING') } },
    'numbers refused',
  );
  t.match(
    await put({ metadata: { tag_worn: true } }),
    { metadata: { tag_worn: leaf('BASE_TYPE_STRING') } },
    'booleans refused',
  );
  t.match(await put({ metadata: { tag_worn: '' } }), { metadata: { tag_worn: leaf('BASE_TYPE_MIN_LENGTH') } });
  t.match(await put({ metadata: { tag_worn: 'x'.repeat(101) } }), {
    metadata: { tag_worn: leaf('BASE_TYPE_MAX_LENGTH') },
  });
  t.match(await put({ metadata: { a: '1', b: '1', c: '1', d: '1', e: '1', f: '1' } }), {
    metadata: leaf('BASE_TYPE_MAX_LENGTH'),
  });
  t.match(await put({ metadata: ['1'] }), { metadata: leaf('DICT_TYPE_CONVERT') });
  t.match(await put({ platform_name: 'x'.repeat(51) }), {
    platform_name: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 50 or fewer in length.' }] },
  });
  t.match(await put({ platform_username: 'x'.repeat(101) }), { platform_username: leaf('BASE_TYPE_MAX_LENGTH') });
  t.match(await put({ platform_name: 5 }), { platform_name: leaf('BASE_TYPE_STRING') });
  t.match(await put([]), leaf('DICT_TYPE_CONVERT'));
  const proto = await put(JSON.parse('{"metadata":{"__proto__":5}}'));
  t.ok(Object.hasOwn(proto.metadata as object, '__proto__'), '__proto__ stays a plain key');
  t.equal(emu.state.getRoleConnection(userId), undefined, 'nothing stored');

  const ok = await emu.call(
    connection,
    jsonInit('PUT', { platform_name: 'x'.repeat(50), metadata: { k: 'y'.repeat(100) } }, bearer(access)),
  );
  t.equal(ok.status, 200, 'limits are inclusive');
});
