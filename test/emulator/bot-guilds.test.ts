import t from 'tap';
import { BOT_TOKEN, GUILD, bearer, emulator, jsonInit } from './helpers.js';

const bot = { Authorization: `Bot ${BOT_TOKEN}` };
const unauthorized = { message: '401: Unauthorized', code: 0 };
const patch = (body: unknown) => jsonInit('PATCH', body, bot);

t.test('GET /guilds/:id answers by bot membership; bot servers are set through /_emulator', async (t) => {
  const other = { id: '222222222222222222', name: 'Other', tag: 'OTH' };
  const emu = await emulator(t, { guilds: [GUILD, other], botGuildIds: [GUILD.id] });
  const control = (path: string, init?: RequestInit) => fetch(`${emu.url}/_emulator${path}`, init);
  const guild = async (id: string, headers: Record<string, string> = bot) => {
    const res = await emu.call(`/guilds/${id}`, { headers });
    return { status: res.status, body: (await res.json()) as unknown };
  };

  t.match(await guild(GUILD.id), {
    status: 200,
    body: { id: GUILD.id, name: GUILD.name, icon: null, owner_id: '0', approximate_member_count: 0 },
  });
  t.same(await guild(other.id), { status: 403, body: { message: 'Missing Access', code: 50001 } });
  t.same(await guild('333333333333333333'), { status: 404, body: { message: 'Unknown Guild', code: 10004 } });
  t.same(await guild(GUILD.id, {}), { status: 401, body: unauthorized });
  t.same(await guild(GUILD.id, bearer((await emu.login(['identify', 'guilds'])).access)), {
    status: 401,
    body: unauthorized,
  });

  const added = await control('/bot-guilds/333333333333333333', { method: 'PUT' });
  t.same(await added.json(), { botGuildIds: [GUILD.id, '333333333333333333'] });
  t.match(await guild('333333333333333333'), { status: 200, body: { name: 'Server 333333333333333333' } });
  t.equal((await control(`/bot-guilds/${other.id}`, { method: 'PUT' })).status, 200);
  t.equal(emu.state.application.approximate_guild_count, 3);
  t.equal((await control('/bot-guilds/abc', { method: 'PUT' })).status, 400);

  const removed = await control(`/bot-guilds/${GUILD.id}`, { method: 'DELETE' });
  t.same(await removed.json(), { botGuildIds: ['333333333333333333', other.id] });
  t.equal((await guild(GUILD.id)).status, 403, 'the server stays known after the bot leaves');
  t.equal((await control(`/bot-guilds/${GUILD.id}`, { method: 'DELETE' })).status, 404);
  emu.state.addBotToGuild(GUILD.id);
  t.equal(emu.state.removeBotFromGuild(other.id), true);
  t.equal(emu.state.removeBotFromGuild(other.id), false);

  const state = (await (await control('/state')).json()) as Record<string, unknown>;
  t.same(state.botGuildIds, ['333333333333333333', GUILD.id]);
  t.same(state.application, emu.state.application);

  emu.state.updateApplication({ event_webhooks_url: 'https://svc.test/events', event_webhooks_status: 3 });
  const page = await (await fetch(`${emu.url}/`)).text();
  t.match(page, emu.state.publicKeyHex);
  t.match(page, 'https://svc.test/events (disabled by Discord: no types)');
  t.match(page, 'DISCORD_PUBLIC_KEY');
  t.match(page, '333333333333333333');
});

t.test("faults can target 'application' and 'guild'", async (t) => {
  const emu = await emulator(t);
  const fault = (body: unknown) => fetch(`${emu.url}/_emulator/faults`, jsonInit('POST', body));
  t.equal((await fault({ kind: 'status', target: 'application', status: 503 })).status, 201);
  t.equal((await fault({ kind: 'revoked', target: 'guild' })).status, 201);
  t.equal((await emu.call(`/guilds/${GUILD.id}`, { headers: bot })).status, 401);
  t.equal((await emu.call('/applications/@me', patch({ description: 'x' }))).status, 503);
  t.equal((await emu.call('/applications/@me', { headers: bot })).status, 200);
  t.equal(emu.state.application.description, '');
});
