import t from 'tap';
import { GUILD, emulator, type Emu } from './helpers.js';
import { connect, control, dispatches, identified, type RawClient } from './gateway-client.js';

const OTHER = { id: '222222222222222222', name: 'Other Club', tag: 'OTH' };
const NO_BOT = '333333333333333333';
const tag = (guildId: string, value: string) => ({
  identity_guild_id: guildId,
  identity_enabled: true,
  tag: value,
  badge: null,
});
const count = (client: RawClient, t: string) => dispatches(client, t).length;
let markers = 0;
/** Everything dispatched before this call has reached the clients (one socket keeps its order). */
async function flush(emu: Emu, ...clients: RawClient[]): Promise<void> {
  const t = `MARKER_${++markers}`;
  emu.state.gateway.dispatch(t, null);
  for (const client of clients) await client.next((p) => p.t === t, t);
}

t.test('a tag change is one GUILD_MEMBER_UPDATE per server the bot shares with the user', async (t) => {
  const emu = await emulator(t, { guilds: [GUILD, OTHER], identifyIntervalMs: 0 });
  const { client } = await identified(t, emu, 3);
  const { client: guildsOnly } = await identified(t, emu, 1);
  await client.next((p) => p.t === 'GUILD_CREATE' && (p.d as { id: string }).id === OTHER.id, 'both GUILD_CREATEs');

  const ana = emu.state.addUser({ username: 'ana', primary_guild: null });
  const stranger = emu.state.addUser({ username: 'stranger', primary_guild: tag(GUILD.id, GUILD.tag) });
  for (const g of [GUILD.id, OTHER.id, NO_BOT]) emu.state.addGuildMember(g, ana.id);
  emu.state.addGuildMember(NO_BOT, stranger.id);
  await flush(emu, client);
  t.equal(count(client, 'GUILD_MEMBER_ADD'), 2, 'joins seen only in the bot servers');

  emu.state.setPrimaryGuild(stranger.id, tag(GUILD.id, 'NEW'));
  const res = await fetch(`${emu.url}/_emulator/users/${ana.id}/primary-guild`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(tag(GUILD.id, GUILD.tag)),
  });
  t.equal(res.status, 200);
  await client.next(() => dispatches(client, 'GUILD_MEMBER_UPDATE').length === 2, 'two updates');
  const updates = dispatches(client, 'GUILD_MEMBER_UPDATE');
  t.same(
    updates.map((u) => (u.d as { guild_id: string }).guild_id),
    [GUILD.id, OTHER.id],
  );
  t.match(updates[0]!.d, {
    guild_id: GUILD.id,
    roles: [],
    joined_at: /^2026-11-01T00:00:00\.000000\+00:00$/,
    user: { id: ana.id, username: 'ana', primary_guild: tag(GUILD.id, GUILD.tag) },
  });
  await flush(emu, client);
  const seqs = client.payloads.filter((p) => p.op === 0).map((p) => p.s!);
  t.same(
    seqs,
    seqs.map((_s, i) => i + 1),
    'sequence numbers rise one by one',
  );

  emu.state.setPrimaryGuild(ana.id, tag(GUILD.id, GUILD.tag));
  emu.state.addUser({ id: ana.id, username: 'ana', primary_guild: tag(GUILD.id, GUILD.tag) });
  await flush(emu, client);
  t.equal(count(client, 'GUILD_MEMBER_UPDATE'), 2, 'no event when nothing changed');
  emu.state.addUser({ id: ana.id, username: 'ana2', primary_guild: null });
  await flush(emu, client);
  t.equal(count(client, 'GUILD_MEMBER_UPDATE'), 4, 'a replaced user object is an update too');

  t.equal(emu.state.removeGuildMember(OTHER.id, ana.id), true);
  t.equal(emu.state.removeGuildMember(OTHER.id, ana.id), false);
  t.equal(emu.state.removeGuildMember(NO_BOT, ana.id), true);
  await flush(emu, client);
  t.match(dispatches(client, 'GUILD_MEMBER_REMOVE'), [{ d: { guild_id: OTHER.id, user: { id: ana.id } } }]);
  t.equal(count(client, 'GUILD_MEMBER_REMOVE'), 1);
  t.equal(emu.state.addGuildMember(GUILD.id, ana.id), false, 'already a member');

  emu.state.removeBotFromGuild(OTHER.id);
  emu.state.addBotToGuild(NO_BOT);
  emu.state.addBotToGuild(NO_BOT);
  await flush(emu, client, guildsOnly);
  t.match(dispatches(client, 'GUILD_DELETE'), [{ d: { id: OTHER.id } }]);
  t.match(dispatches(client, 'GUILD_CREATE').at(-1), { d: { id: NO_BOT, member_count: 1 } });
  t.equal(count(guildsOnly, 'GUILD_CREATE'), 3, 'GUILDS sessions see servers come');
  t.equal(count(guildsOnly, 'GUILD_MEMBER_UPDATE') + count(guildsOnly, 'GUILD_MEMBER_ADD'), 0, 'but no members');

  const sent = await control(emu, '/dispatch', { t: 'TEST_EVENT', d: { x: 1 } });
  t.same(await sent.json(), { sessions: 2 });
  t.match(await guildsOnly.next((p) => p.t === 'TEST_EVENT', 'the arbitrary dispatch'), { d: { x: 1 } });
});

t.test('RESUME after a drop replays what the session missed, then RESUMED', async (t) => {
  const emu = await emulator(t, { identifyIntervalMs: 0 });
  const ana = emu.state.addUser({ username: 'ana', primary_guild: null });
  emu.state.addGuildMember(GUILD.id, ana.id);
  const { client, ready } = await identified(t, emu);
  await client.next((p) => p.t === 'GUILD_CREATE', 'GUILD_CREATE');
  const seq = 2;

  t.same(await (await control(emu, '/drop', { sessionId: ready.session_id })).json(), { sessions: 1 });
  t.equal(await client.closed('dropped'), 1006);
  await control(emu, '/heartbeat', {});
  emu.state.setPrimaryGuild(ana.id, tag(GUILD.id, 'A'));
  emu.state.setPrimaryGuild(ana.id, tag(GUILD.id, 'B'));
  t.match(emu.state.gateway.stats().sessions, [{ connected: false, seq: 4, buffered: 3 }]);

  const again = await connect(t, emu);
  again.send({ op: 6, d: { token: emu.state.config.botToken, session_id: ready.session_id, seq } });
  await again.next((p) => p.t === 'RESUMED', 'RESUMED');
  t.same(
    again.payloads.filter((p) => p.op === 0).map((p) => [p.t, p.s]),
    [
      ['GUILD_MEMBER_UPDATE', 3],
      ['GUILD_MEMBER_UPDATE', 4],
      ['RESUMED', 5],
    ],
  );
  t.match(emu.state.gateway.stats(), { identifies: 1, resumes: 1 });

  // The same session resumed elsewhere: the older socket is closed 4000.
  const third = await connect(t, emu);
  third.send({ op: 6, d: { token: emu.state.config.botToken, session_id: ready.session_id, seq: 5 } });
  await third.next((p) => p.t === 'RESUMED', 'the second RESUMED');
  t.equal(await again.closed('taken over'), 4000);
  t.same(
    third.payloads.filter((p) => p.op === 0).map((p) => p.t),
    ['RESUMED'],
  );

  const ahead = await connect(t, emu);
  ahead.send({ op: 6, d: { token: emu.state.config.botToken, session_id: ready.session_id, seq: 99 } });
  t.equal(await ahead.closed('seq never sent'), 4007);
  const gone = await connect(t, emu);
  gone.send({ op: 6, d: { token: emu.state.config.botToken, session_id: ready.session_id, seq: 5 } });
  t.same(await gone.next((p) => p.op === 9, 'op 9 after 4007 ended the session'), { op: 9, d: false });
});

t.test('sessions end on client close 1000, forget, op 9 false, 4009; survive drops, 4000 and op 9 true', async (t) => {
  const emu = await emulator(t, { identifyIntervalMs: 0 });
  const token = emu.state.config.botToken;
  const resume = async (sessionId: string, seq = 1) => {
    const client = await connect(t, emu);
    client.send({ op: 6, d: { token, session_id: sessionId, seq } });
    const answer = await client.next((p) => p.op === 9 || p.t === 'RESUMED', 'op 9 or RESUMED');
    return answer.op === 9 ? 'invalid' : 'resumed';
  };

  const a = await identified(t, emu, 1 << 9);
  a.client.ws.close(1000);
  await a.client.closed('client closed');
  t.equal(await resume(a.ready.session_id), 'invalid');

  const b = await identified(t, emu, 1 << 9);
  b.client.ws.close(4200);
  await b.client.closed('client closed to resume');
  t.equal(await resume(b.ready.session_id), 'resumed');

  const c = await identified(t, emu, 1 << 9);
  t.same(await (await control(emu, '/close', { code: 4000, sessionId: c.ready.session_id })).json(), { sessions: 1 });
  t.equal(await c.client.closed('4000'), 4000);
  t.equal(await resume(c.ready.session_id), 'resumed');

  const d = await identified(t, emu, 1 << 9);
  emu.state.gateway.close(4009, d.ready.session_id);
  t.equal(await d.client.closed('4009'), 4009);
  t.equal(await resume(d.ready.session_id), 'invalid');

  const e = await identified(t, emu, 1 << 9);
  emu.state.gateway.drop(e.ready.session_id);
  t.same(await (await control(emu, '/forget', {})).json(), { sessions: 1 }, 'only e: b and c are connected again');
  t.equal(await resume(e.ready.session_id), 'invalid');

  const f = await identified(t, emu, 1 << 9);
  t.same(await (await control(emu, '/reconnect', { sessionId: f.ready.session_id })).json(), { sessions: 1 });
  t.same(await f.client.next((p) => p.op === 7, 'op 7'), { op: 7, d: null });
  t.same(await (await control(emu, '/invalidate', { resumable: true, sessionId: f.ready.session_id })).json(), {
    sessions: 1,
  });
  t.same(await f.client.next((p) => p.op === 9, 'op 9 true'), { op: 9, d: true });
  f.client.send({ op: 6, d: { token, session_id: f.ready.session_id, seq: 1 } });
  await f.client.next((p) => p.t === 'RESUMED', 'RESUMED on the same socket');
  emu.state.gateway.invalidate(false, f.ready.session_id);
  await f.client.next((p) => p.op === 9 && p.d === false, 'op 9 false');
  t.equal(await resume(f.ready.session_id), 'invalid');
});
