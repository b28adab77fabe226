import t from 'tap';
import { CLIENT_ID, GUILD, bearer, emulator, formInit, jsonInit } from './helpers.js';

const worn = { identity_guild_id: GUILD.id, identity_enabled: true, tag: 'ABCD', badge: null };

t.test('POST /_emulator/seed creates users with live grants, with supplied or generated tokens', async (t) => {
  const emu = await emulator(t, { accessTokenTtlSeconds: 3600 });
  const seed = (body: unknown) => fetch(`${emu.url}/_emulator/seed`, jsonInit('POST', body));
  const res = await seed({
    users: [
      { id: '600000000000000001', username: 'ana', primary_guild: worn, accessToken: 'a-1', refreshToken: 'r-1' },
      { username: 'bo' },
    ],
  });
  t.equal(res.status, 201);
  const { users } = (await res.json()) as { users: { id: string; accessToken: string; refreshToken: string }[] };
  t.match(users, [
    {
      id: '600000000000000001',
      accessToken: 'a-1',
      refreshToken: 'r-1',
      expiresIn: 3600,
      scopes: ['identify', 'role_connections.write'],
    },
    { id: /^\d{18,19}$/, accessToken: /^[A-Za-z0-9_-]{30,}$/, refreshToken: /^[A-Za-z0-9_-]{30,}$/ },
  ]);

  const me = await emu.call('/users/@me', { headers: bearer('a-1') });
  t.equal(me.status, 200);
  t.match(await me.json(), { id: '600000000000000001', username: 'ana', primary_guild: worn });
  const bo = users[1]!;
  t.match(await (await emu.call('/users/@me', { headers: bearer(bo.accessToken) })).json(), { id: bo.id });
  const put = await emu.call(
    `/users/@me/applications/${CLIENT_ID}/role-connection`,
    jsonInit('PUT', { platform_name: 'Tags', metadata: { tag_worn: '1' } }, bearer('a-1')),
  );
  t.equal(put.status, 200, 'the seeded grant holds role_connections.write');

  const refreshed = await emu.call('/oauth2/token', formInit({ grant_type: 'refresh_token', refresh_token: 'r-1' }));
  t.equal(refreshed.status, 200, 'the seeded refresh token rotates like any other');
  const again = await emu.call('/oauth2/token', formInit({ grant_type: 'refresh_token', refresh_token: 'r-1' }));
  t.equal(again.status, 400, 'and is spent once used');
});

t.test('seeding honours scopes and lifetimes, and refuses bad input as a whole', async (t) => {
  const emu = await emulator(t);
  const seed = (body: unknown) => fetch(`${emu.url}/_emulator/seed`, jsonInit('POST', body));
  const short = await seed({ users: [{ username: 'cy', accessToken: 'a-2' }], scopes: ['identify'], expiresIn: 60 });
  t.match(await short.json(), { users: [{ expiresIn: 60, scopes: ['identify'] }] });
  t.equal((await emu.call('/users/@me', { headers: bearer('a-2') })).status, 200);
  emu.clock.now += 60_000;
  t.equal((await emu.call('/users/@me', { headers: bearer('a-2') })).status, 401, 'expires after expiresIn');

  const refused = [
    {},
    { users: [] },
    { users: [{ username: '' }] },
    { users: [{ username: 'x', accessToken: 'has space' }] },
    { users: [{ username: 'x' }], scopes: ['identify', 'nope'] },
    { users: [{ username: 'x' }], scopes: 'identify' },
    { users: [{ username: 'x' }], expiresIn: 0 },
    { users: Array.from({ length: 10_001 }, () => ({ username: 'x' })) },
    { users: [{ username: 'x', accessToken: 'a-2' }] },
    {
      users: [
        { username: 'dup', accessToken: 'same' },
        { username: 'dup2', refreshToken: 'same' },
      ],
    },
  ];
  for (const body of refused) t.equal((await seed(body)).status, 400, JSON.stringify(body).slice(0, 80));
  t.equal(emu.state.listUsers().length, 1, 'a refused seed creates nobody');
});

t.test('state.seed works in-process for thousands of users', async (t) => {
  const emu = await emulator(t);
  const users = Array.from({ length: 5_000 }, (_, i) => ({
    id: String(700000000000000000n + BigInt(i)),
    username: `member_${i}`,
    accessToken: `access-${i}`,
    refreshToken: `refresh-${i}`,
  }));
  const seeded = emu.state.seed(users);
  t.equal(seeded.length, 5_000);
  t.equal(emu.state.listUsers().length, 5_000);
  t.equal(seeded[4_999]?.id, '700000000000004999');
  const me = await emu.call('/users/@me', { headers: bearer('access-4999') });
  t.match(await me.json(), { id: '700000000000004999', username: 'member_4999' });
  t.throws(() => emu.state.seed([{ username: 'x' }], { scopes: [] }), /at least one scope/);
  t.throws(() => emu.state.seed([{ username: 'x', refreshToken: 'access-1' }]), /already in use/);
});

t.test('the call log times each call and can be cleared on its own', async (t) => {
  const emu = await emulator(t);
  const { access } = await emu.login();
  await emu.call('/users/@me', { headers: bearer(access) });
  const calls = (await (await fetch(`${emu.url}/_emulator/calls`)).json()) as { route: string; ms: unknown }[];
  t.equal(calls.length, 2);
  for (const call of calls) t.ok(typeof call.ms === 'number' && call.ms >= 0, `${call.route} has its ms`);
  t.equal((await fetch(`${emu.url}/_emulator/calls`, { method: 'DELETE' })).status, 204);
  t.same(emu.state.calls, []);
  t.equal(emu.state.listUsers().length, 1, 'users stay');
  t.equal((await emu.call('/users/@me', { headers: bearer(access) })).status, 200, 'grants stay');
});
