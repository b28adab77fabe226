import t from 'tap';
import { waitFor } from '../wait-for.js';
import { CLIENT_ID, GUILD, REDIRECT_URI, bearer, emulator, formInit, jsonInit } from './helpers.js';

const worn = { identity_guild_id: GUILD.id, identity_enabled: true, tag: 'ABCD', badge: 'hash' };

t.test('users, primary guilds, authorize and role connections through /_emulator', async (t) => {
  const emu = await emulator(t);
  const control = (path: string, init?: RequestInit) => fetch(`${emu.url}/_emulator${path}`, init);

  const created = await control(
    '/users',
    jsonInit('POST', { id: '500000000000000005', username: 'dee', locale: 'de', primary_guild: worn }),
  );
  t.equal(created.status, 201);
  t.same(await created.json(), {
    id: '500000000000000005',
    username: 'dee',
    global_name: null,
    locale: 'de',
    primary_guild: worn,
  });
  const generated = (await (
    await control('/users', jsonInit('POST', { username: 'eve', global_name: 'Eve' }))
  ).json()) as { id: string };
  t.match(generated.id, /^\d{18,19}$/);
  t.equal((await control('/users', jsonInit('POST', { username: 5 }))).status, 400);
  t.equal(
    (await control('/users', jsonInit('POST', { username: 'x', locale: 'de-DE' }))).status,
    400,
    'not a Discord locale',
  );
  t.equal((await control('/users', jsonInit('POST', { username: 'x', primary_guild: { tag: 1 } }))).status, 400);

  const id = '500000000000000005';
  const setGuild = async (body: unknown) => control(`/users/${id}/primary-guild`, jsonInit('PUT', body));
  t.same(((await (await setGuild(null)).json()) as Record<string, unknown>).primary_guild, null);
  const omitted = (await (await setGuild({ omit: true })).json()) as Record<string, unknown>;
  t.notOk('primary_guild' in omitted);
  t.same(((await (await setGuild(worn)).json()) as Record<string, unknown>).primary_guild, worn);
  t.equal((await setGuild({ tag: 'x' })).status, 400);
  t.equal((await control('/users/1/primary-guild', jsonInit('PUT', null))).status, 404);

  const auth = await control(
    '/authorize',
    jsonInit('POST', { userId: id, scopes: ['identify', 'role_connections.write'], redirectUri: REDIRECT_URI }),
  );
  t.equal(auth.status, 200);
  const { code } = (await auth.json()) as { code: string };
  const tokenRes = await emu.call(
    '/oauth2/token',
    formInit({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI }),
  );
  const { access_token: access } = (await tokenRes.json()) as { access_token: string };
  t.equal(
    (await control('/authorize', jsonInit('POST', { userId: id, scopes: ['identify'], redirectUri: 'http://evil/cb' })))
      .status,
    400,
  );
  t.equal(
    (
      await control(
        '/authorize',
        jsonInit('POST', { userId: id, scopes: ['identify', 'nope'], redirectUri: REDIRECT_URI }),
      )
    ).status,
    400,
  );
  t.equal(
    (await control('/authorize', jsonInit('POST', { userId: '1', scopes: ['identify'], redirectUri: REDIRECT_URI })))
      .status,
    400,
  );

  t.equal((await control(`/role-connections/${id}`)).status, 404);
  const conn = { platform_name: 'Tag Roles', platform_username: 'dee', metadata: { tag_worn: '1' } };
  await emu.call(`/users/@me/applications/${CLIENT_ID}/role-connection`, jsonInit('PUT', conn, bearer(access)));
  t.same(await (await control(`/role-connections/${id}`)).json(), conn);

  const state = (await (await control('/state')).json()) as Record<string, unknown>;
  t.match(state, { roleConnections: { [id]: conn }, metadataSchema: [], calls: 2, invalidRequests: 0 });
  t.equal((state.users as unknown[]).length, 2);

  const index = await (await fetch(`${emu.url}/`)).text();
  t.match(index, 'dee');
  t.match(index, 'tag_worn');
  t.match(index, `/oauth2/authorize?response_type=code&amp;client_id=${CLIENT_ID}`);

  const calls = (await (await control('/calls')).json()) as { route: string }[];
  t.same(
    calls.map((c) => c.route),
    ['/oauth2/token', `/users/@me/applications/${CLIENT_ID}/role-connection`],
  );
});

t.test('revoke, expire-tokens, faults and reset through /_emulator', async (t) => {
  const emu = await emulator(t);
  const control = (path: string, init?: RequestInit) => fetch(`${emu.url}/_emulator${path}`, init);
  const me = (token: string) => emu.call('/users/@me', { headers: bearer(token) });

  const a = await emu.login(['identify']);
  const expired = await control(`/users/${a.userId}/expire-tokens`, { method: 'POST' });
  t.same(await expired.json(), { userId: a.userId, expiredTokens: 1 });
  t.equal((await me(a.access)).status, 401);
  const refreshed = await emu.call(
    '/oauth2/token',
    formInit({ grant_type: 'refresh_token', refresh_token: a.refresh }),
  );
  t.equal(refreshed.status, 200);

  const revoked = await control(`/users/${a.userId}/revoke`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
  });
  t.same(await revoked.json(), { userId: a.userId, revokedGrants: 1 });
  t.equal((await me(((await refreshed.json()) as { access_token: string }).access_token)).status, 401);
  t.equal((await control('/users/42/revoke', { method: 'POST' })).status, 404);
  t.equal((await control('/users/42/expire-tokens', { method: 'POST' })).status, 404);

  const b = await emu.login(['identify'], 'b');
  const added = await control('/faults', jsonInit('POST', { kind: 'status', target: 'user', status: 503 }));
  t.equal(added.status, 201);
  t.same(await added.json(), { kind: 'status', status: 503, target: 'user' });
  t.equal((await control('/faults', jsonInit('POST', { kind: 'explode' }))).status, 400);
  t.equal((await me(b.access)).status, 503);
  await control('/faults', jsonInit('POST', { kind: 'status', status: 500 }));
  t.equal((await control('/faults', { method: 'DELETE' })).status, 204);
  t.equal((await me(b.access)).status, 200);

  t.equal((await control('/faults', jsonInit('POST', { kind: 'hold', target: 'user', times: 2 }))).status, 201);
  const heldCalls = [me(b.access), me(b.access)];
  const heldNow = async () => ((await (await control('/state')).json()) as { held: unknown[] }).held;
  await waitFor(async () => (await heldNow()).length === 2, { what: 'two calls held' });
  t.match(await heldNow(), [{ method: 'GET', route: '/users/@me', clientGone: false }, { route: '/users/@me' }]);
  const release = (body: unknown) => control('/held/release', jsonInit('POST', body));
  t.equal((await release({ count: 0 })).status, 400);
  t.same(await (await release({ count: 1 })).json(), { released: 1 });
  t.equal((await heldCalls[0])!.status, 200);
  t.same(await (await control('/held/release', { method: 'POST' })).json(), { released: 1 }, 'all by default');
  t.equal((await heldCalls[1])!.status, 200);

  const broken = await control('/faults', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{',
  });
  t.equal(broken.status, 400);
  t.same(await broken.json(), { message: 'The request body contains invalid JSON.', code: 50109 });

  emu.state.metadataSchema = [{ type: 7, key: 'k', name: 'n', description: 'd' }];
  t.equal((await control('/reset', { method: 'POST' })).status, 204);
  t.same(await (await control('/state')).json(), {
    users: [],
    roleConnections: {},
    metadataSchema: [],
    application: emu.state.application,
    botGuildIds: [GUILD.id],
    guildMembers: {},
    gateway: emu.state.gateway.stats(),
    faults: [],
    held: [],
    calls: 0,
    deliveries: 0,
    invalidRequests: 0,
  });
  t.equal((await me(b.access)).status, 401, 'grants are gone too');
});
