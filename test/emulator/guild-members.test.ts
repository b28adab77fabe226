import t from 'tap';
import { BOT_TOKEN, GUILD, UA, emulator, jsonInit } from './helpers.js';

const bot = { Authorization: `Bot ${BOT_TOKEN}` };
const OTHER = { id: '222222222222222222', name: 'Other', tag: 'OTH' };

t.test('membership through state and /_emulator: explicit, visible in state, checked', async (t) => {
  const emu = await emulator(t);
  const member = (method: string, guildId: string, userId: string) =>
    fetch(`${emu.url}/_emulator/guilds/${guildId}/members/${userId}`, { method });
  const ana = emu.state.addUser({
    username: 'ana',
    primary_guild: { identity_guild_id: GUILD.id, identity_enabled: true, tag: 'A', badge: null },
  });
  t.same(emu.state.guildMemberIds(GUILD.id), [], 'wearing the tag makes no one a member');

  const put = await member('PUT', GUILD.id, ana.id);
  t.match(await put.json(), { guildId: GUILD.id, userId: ana.id, added: true, member: { user: { id: ana.id } } });
  t.match(await (await member('PUT', GUILD.id, ana.id)).json(), { added: false });
  t.equal((await member('PUT', GUILD.id, '999')).status, 404);
  t.match(await (await member('PUT', GUILD.id, '999')).json(), { message: 'unknown user 999', code: 0 });
  t.equal((await member('PUT', 'abc', ana.id)).status, 400);
  t.equal((await member('PUT', GUILD.id, 'abc')).status, 400);
  t.throws(() => emu.state.addGuildMember(GUILD.id, '999'), /unknown user 999/);

  const state = (await (await fetch(`${emu.url}/_emulator/state`)).json()) as Record<string, unknown>;
  t.same(state.guildMembers, { [GUILD.id]: [ana.id] });
  t.same(await (await fetch(`${emu.url}/_emulator/guilds/${GUILD.id}/members`)).json(), {
    guildId: GUILD.id,
    memberIds: [ana.id],
  });
  t.equal((await fetch(`${emu.url}/_emulator/guilds/x/members`)).status, 400);

  t.same(await (await member('DELETE', GUILD.id, ana.id)).json(), { guildId: GUILD.id, userId: ana.id, removed: true });
  t.equal((await member('DELETE', GUILD.id, ana.id)).status, 404);
  t.equal((await member('DELETE', 'x', ana.id)).status, 400);
  t.same(emu.state.guildMemberIds(GUILD.id), []);
  emu.state.addGuildMember(GUILD.id, ana.id);
  emu.state.reset();
  t.same(emu.state.membership.all(), {});
});

t.test('seeding adds memberships in bulk: for every user and per user', async (t) => {
  const emu = await emulator(t);
  const seed = (body: unknown) => fetch(`${emu.url}/_emulator/seed`, jsonInit('POST', body));
  const res = await seed({
    guildIds: [GUILD.id],
    users: [
      { id: '500', username: 'a' },
      { id: '40', username: 'b', guildIds: [OTHER.id] },
    ],
  });
  t.equal(res.status, 201);
  t.same(emu.state.guildMemberIds(GUILD.id), ['40', '500'], 'ascending as numbers');
  t.same(emu.state.guildMemberIds(OTHER.id), ['40']);
  t.match(await (await seed({ users: [{ username: 'c' }], guildIds: ['x'] })).json(), { message: /guildIds/ });
  t.match(await (await seed({ users: [{ username: 'c', guildIds: 'x' }] })).json(), {
    message: /users\[0\]: guildIds/,
  });
  t.throws(() => emu.state.seed([{ username: 'd', guildIds: ['nope'] }]), /a guild id is a string of digits/);
  t.equal(emu.state.listUsers().length, 2, 'nothing seeded by a refused batch');
});

t.test('List Guild Members: pages by snowflake, validates limit and after, needs the intent flag', async (t) => {
  const emu = await emulator(t, { guilds: [GUILD, OTHER], botGuildIds: [GUILD.id] });
  const ids = ['9', '10', '100', '1000000000000000000', '99999999999999999'];
  emu.state.seed(
    ids.map((id) => ({ id, username: `u${id}` })),
    { guildIds: [GUILD.id] },
  );
  emu.state.setPrimaryGuild('10', { identity_guild_id: GUILD.id, identity_enabled: true, tag: 'A', badge: null });
  const list = async (query: string, guildId = GUILD.id) => {
    const res = await emu.call(`/guilds/${guildId}/members${query}`, { headers: bot });
    return { status: res.status, body: (await res.json()) as Record<string, unknown>[] & Record<string, unknown> };
  };
  const idsOf = (body: Record<string, unknown>[]) => body.map((m) => (m.user as { id: string }).id);

  t.same(idsOf((await list('')).body), ['9'], 'limit defaults to 1');
  t.same(idsOf((await list('?limit=1000')).body), ['9', '10', '100', '99999999999999999', '1000000000000000000']);
  t.same(idsOf((await list('?limit=2&after=10')).body), ['100', '99999999999999999']);
  t.same(idsOf((await list('?limit=2&after=1000000000000000000')).body), []);
  const [first] = (await list('?after=9')).body;
  t.same(first, {
    user: {
      id: '10',
      username: 'u10',
      avatar: null,
      discriminator: '0',
      public_flags: 0,
      flags: 0,
      global_name: null,
      primary_guild: { identity_guild_id: GUILD.id, identity_enabled: true, tag: 'A', badge: null },
    },
    nick: null,
    avatar: null,
    banner: null,
    roles: [],
    joined_at: '2026-11-01T00:00:00.000000+00:00',
    premium_since: null,
    deaf: false,
    mute: false,
    pending: false,
    flags: 0,
    communication_disabled_until: null,
  });
  t.equal(((await list('?limit=5')).body[0]!.user as Record<string, unknown>).primary_guild, null, 'required, null');

  const formError = (field: string, code: string, message: string) => ({
    code: 50035,
    message: 'Invalid Form Body',
    errors: { [field]: { _errors: [{ code, message }] } },
  });
  t.same(await list('?limit=0'), {
    status: 400,
    body: formError('limit', 'NUMBER_TYPE_MIN', 'int value should be greater than or equal to 1.'),
  });
  t.same(
    (await list('?limit=1001')).body,
    formError('limit', 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 1000.'),
  );
  t.same((await list('?limit=abc')).body, formError('limit', 'NUMBER_TYPE_COERCE', 'Value "abc" is not int.'));
  t.same((await list('?after=x')).body, formError('after', 'NUMBER_TYPE_COERCE', 'Value "x" is not snowflake.'));
  t.equal((await list('?after=99999999999999999999')).status, 400, 'beyond 64 bits');
  t.equal((await list('?limit=1&limit=2')).status, 400);

  t.same(await list('', OTHER.id), { status: 403, body: { message: 'Missing Access', code: 50001 } });
  t.same(await list('', '444444444444444444'), { status: 404, body: { message: 'Unknown Guild', code: 10004 } });
  t.equal((await emu.call(`/guilds/${GUILD.id}/members`)).status, 401);

  emu.state.updateApplication({ flags: 1 << 14 });
  t.equal((await list('')).status, 200, 'approved intent');
  emu.state.updateApplication({ flags: 0 });
  t.same(await list(''), { status: 403, body: { message: 'Missing Access', code: 50001 } });
  t.equal(emu.state.application.flags, 0);

  // Get Guild Member works without the intent.
  const one = await emu.call(`/guilds/${GUILD.id}/members/10`, { headers: bot });
  t.match(await one.json(), { user: { id: '10' }, roles: [] });
  const none = await emu.call(`/guilds/${GUILD.id}/members/11`, { headers: bot });
  t.same(
    { status: none.status, body: await none.json() },
    { status: 404, body: { message: 'Unknown Member', code: 10007 } },
  );
  t.equal((await emu.call(`/guilds/${OTHER.id}/members/10`, { headers: bot })).status, 403);
  t.equal((await emu.call(`/guilds/${GUILD.id}/members/10`)).status, 401);
});

t.test('List Guild Members has a bucket per server; faults can target members and gateway', async (t) => {
  const emu = await emulator(t, {
    guilds: [GUILD, OTHER],
    rateLimit: { limit: 50, windowMs: 60_000 },
    memberListRateLimit: { limit: 2, windowMs: 10_000 },
    applicationFlags: 1 << 14,
  });
  t.equal(emu.state.application.flags, 1 << 14, 'the option sets the flags');
  const list = (guildId: string) => emu.call(`/guilds/${guildId}/members`, { headers: bot });
  const a1 = await list(GUILD.id);
  t.equal(a1.headers.get('x-ratelimit-limit'), '2');
  t.equal((await list(GUILD.id)).status, 200);
  const limited = await list(GUILD.id);
  t.equal(limited.status, 429);
  t.equal(limited.headers.get('x-ratelimit-bucket'), a1.headers.get('x-ratelimit-bucket'));
  const b = await list(OTHER.id);
  t.equal(b.status, 200, 'another server has its own window');
  t.equal(b.headers.get('x-ratelimit-bucket'), a1.headers.get('x-ratelimit-bucket'), 'the bucket id names no server');
  emu.clock.now += 10_000;
  t.equal((await list(GUILD.id)).status, 200);
  t.equal((await emu.call(`/guilds/${GUILD.id}/members/1`, { headers: bot })).headers.get('x-ratelimit-limit'), '50');

  const fault = (body: unknown) => fetch(`${emu.url}/_emulator/faults`, jsonInit('POST', body));
  t.equal((await fault({ kind: 'status', target: 'members', status: 502 })).status, 201);
  t.equal((await fault({ kind: 'status', target: 'gateway', status: 503 })).status, 201);
  t.equal((await emu.call(`/guilds/${GUILD.id}/members/1`, { headers: bot })).status, 502);
  t.equal((await emu.call('/gateway/bot', { headers: bot })).status, 503);
  t.equal((await emu.call('/gateway/bot', { headers: { ...bot, 'User-Agent': UA } })).status, 200);
});
