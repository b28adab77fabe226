import t from 'tap';
import { BOT_TOKEN, CLIENT_ID, GUILD, emulator, jsonInit } from './helpers.js';
import { connect, control, identified, identifyPayload } from './gateway-client.js';

const bot = { Authorization: `Bot ${BOT_TOKEN}` };

t.test('HELLO, heartbeat ACK, IDENTIFY → READY then GUILD_CREATE; GET /gateway/bot counts identifies', async (t) => {
  const emu = await emulator(t, { heartbeatIntervalMs: 30_000, identifyIntervalMs: 0 });
  const before = await emu.call('/gateway/bot', { headers: bot });
  const host = new URL(emu.url).host;
  t.same(await before.json(), {
    url: `ws://${host}/gateway`,
    shards: 1,
    session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
  });
  t.equal((await emu.call('/gateway/bot')).status, 401, 'needs the bot token');
  t.same(await (await emu.call('/gateway')).json(), { url: `ws://${host}/gateway` });

  const client = await connect(t, emu);
  t.same(client.payloads[0], { op: 10, d: { heartbeat_interval: 30_000 } });
  client.send({ op: 1, d: null });
  await client.next((p) => p.op === 11, 'the heartbeat ACK');
  t.same(client.payloads[1], { op: 11 });

  client.send(identifyPayload(3, BOT_TOKEN, { shard: [0, 1] }));
  const ready = await client.next((p) => p.t === 'READY', 'READY');
  const d = ready.d as Record<string, unknown>;
  t.match(ready, { op: 0, s: 1 });
  t.match(d, {
    v: 10,
    user: { id: CLIENT_ID, bot: true },
    guilds: [{ id: GUILD.id, unavailable: true }],
    session_id: /^[0-9a-f]{32}$/,
    resume_gateway_url: `ws://${host}/gateway`,
    shard: [0, 1],
    application: { id: CLIENT_ID, flags: 1 << 15 },
  });
  const created = await client.next((p) => p.t === 'GUILD_CREATE', 'GUILD_CREATE');
  t.match(created, { op: 0, s: 2, d: { id: GUILD.id, name: GUILD.name, member_count: 0, unavailable: false } });

  const after = (await (await emu.call('/gateway/bot', { headers: bot })).json()) as {
    session_start_limit: { remaining: number; reset_after: number };
  };
  t.equal(after.session_start_limit.remaining, 999);
  t.equal(after.session_start_limit.reset_after, 24 * 60 * 60 * 1000, 'on the emulator clock');
  emu.clock.now += 24 * 60 * 60 * 1000;
  t.equal(emu.state.gateway.sessionStartLimit().remaining, 1000, 'identifies count for 24 h');

  t.equal(emu.state.gateway.requestHeartbeat(), 1);
  await client.next((p) => p.op === 1, 'the server asking for a heartbeat');
  const stats = (await (await control(emu, '')).json()) as { identifies: number; sessions: unknown[] };
  t.match(stats, { identifies: 1, resumes: 0, connections: 1 });
  t.match(stats.sessions, [{ id: d.session_id, connected: true, seq: 2, intents: 3, buffered: 1 }]);
});

t.test('every close code the gateway sends for bad input', async (t) => {
  const emu = await emulator(t, { identifyIntervalMs: 0 });
  const closesWith = async (what: string, send: unknown[], query?: string) => {
    const client = await connect(t, emu, query);
    for (const payload of send) client.send(payload);
    return client.closed(what);
  };
  t.equal(await closesWith('Bot prefix', [identifyPayload(3, `Bot ${BOT_TOKEN}`)]), 4004);
  t.equal(await closesWith('wrong token', [identifyPayload(3, 'nope')]), 4004);
  t.equal(await closesWith('unknown intent bit', [identifyPayload(1 << 30)]), 4013);
  t.equal(await closesWith('intents not a number', [identifyPayload('3' as unknown as number)]), 4013);
  t.equal(await closesWith('presence before identify', [{ op: 3, d: {} }]), 4003);
  t.equal(await closesWith('unknown opcode', [{ op: 99 }]), 4001);
  t.equal(await closesWith('bad JSON', ['{nope']), 4002);
  t.equal(await closesWith('no op', [{ d: 1 }]), 4002);
  t.equal(await closesWith('no properties', [{ op: 2, d: { token: BOT_TOKEN, intents: 3 } }]), 4002);
  t.equal(await closesWith('too large', [JSON.stringify({ op: 1, d: 'x'.repeat(5000) })]), 4002);
  t.equal(await closesWith('shard', [identifyPayload(3, BOT_TOKEN, { shard: [1, 2] })]), 4010);
  t.equal(await closesWith('bad resume', [{ op: 6, d: { token: BOT_TOKEN } }]), 4002);
  t.equal(await closesWith('resume token', [{ op: 6, d: { token: 'x', session_id: 'a', seq: 0 } }]), 4004);
  t.equal(await closesWith('API version', [], '?v=9&encoding=json'), 4012);
  t.equal(await closesWith('second identify', [identifyPayload(), identifyPayload()]), 4005);

  const binary = await connect(t, emu);
  binary.ws.send(Buffer.from('{"op":1}'));
  t.equal(await binary.closed('binary frame'), 4002);

  const flood = await connect(t, emu);
  for (let i = 0; i < 121; i += 1) flood.send({ op: 1, d: null });
  t.equal(await flood.closed('121 payloads in a minute'), 4008);

  // Server Members switched off in the portal: GUILD_MEMBERS is disallowed, GUILDS alone is fine.
  const off = await fetch(`${emu.url}/_emulator/application`, jsonInit('PATCH', { flags: 0 }));
  t.match(await off.json(), { flags: 0 });
  t.equal(await closesWith('privileged intent', [identifyPayload(3)]), 4014);
  const guildsOnly = await identified(t, emu, 1);
  t.equal(guildsOnly.client.closeCode(), undefined);
  t.equal((await fetch(`${emu.url}/_emulator/application`, jsonInit('PATCH', { flags: -1 }))).status, 400);
  emu.state.updateApplication({ flags: 1 << 14 });
  t.equal(await closesWith('approved intent works', [identifyPayload(3), { op: 99 }]), 4001);
  t.equal(emu.state.gateway.stats().identifies, 3, 'the 4005 test, GUILDS only, the approved flag');
});

t.test('the upgrade is served at /gateway only; closing the emulator ends every socket', async (t) => {
  const emu = await emulator(t, { identifyIntervalMs: 0 });
  const res = await new Promise<number>((resolve) => {
    void import('ws').then(({ default: WebSocket }) => {
      const ws = new WebSocket(`${emu.url.replace('http', 'ws')}/elsewhere`);
      ws.on('unexpected-response', (_req, response) => resolve(response.statusCode ?? 0));
      ws.on('error', () => resolve(-1));
      t.teardown(() => ws.terminate());
    });
  });
  t.equal(res, 404);
  const { client } = await identified(t, emu);
  await emu.close();
  t.equal(await client.closed('emulator shut down'), 1006);
});

t.test('a heartbeat missed for 1.5 intervals closes 4009; IDENTIFY sooner than 5 s gets op 9', async (t) => {
  const emu = await emulator(t, { heartbeatIntervalMs: 40, identifyIntervalMs: 60_000 });
  const silent = await connect(t, emu);
  t.equal(await silent.closed('no heartbeat'), 4009);

  const slow = await emulator(t, { identifyIntervalMs: 60_000 });
  await identified(t, slow);
  const second = await connect(t, slow);
  second.send(identifyPayload());
  t.same(await second.next((p) => p.op === 9, 'op 9 for a too-early IDENTIFY'), { op: 9, d: false });
  t.match(slow.state.gateway.stats(), { identifies: 1, invalidSessions: 1 });
  t.equal(second.closeCode(), undefined, 'the socket stays open to identify later');
});

t.test('control routes check their bodies', async (t) => {
  const emu = await emulator(t);
  t.equal((await control(emu, '/close', { code: 12 })).status, 400);
  t.equal((await control(emu, '/invalidate', {})).status, 400);
  t.equal((await control(emu, '/dispatch', { t: 'lower' })).status, 400);
  t.equal((await control(emu, '/drop', { sessionId: 5 })).status, 400);
  t.same(await (await control(emu, '/drop', {})).json(), { sessions: 0 });
  t.same(await (await control(emu, '/forget', {})).json(), { sessions: 0 });
});
