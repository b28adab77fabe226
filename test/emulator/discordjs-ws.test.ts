import { REST } from '@discordjs/rest';
import { WebSocketManager, WebSocketShardEvents, type SessionInfo } from '@discordjs/ws';
import { GatewayIntentBits, type GatewayDispatchPayload } from 'discord-api-types/v10';
import t from 'tap';
import { waitFor } from '../wait-for.js';
import { BOT_TOKEN, GUILD, emulator } from './helpers.js';

const tag = (value: string) => ({ identity_guild_id: GUILD.id, identity_enabled: true, tag: value, badge: null });

t.test('@discordjs/ws connects, hears a tag change, and resumes after a drop with the missed event', async (t) => {
  const emu = await emulator(t);
  const ana = emu.state.addUser({ username: 'ana', primary_guild: null });
  emu.state.addGuildMember(GUILD.id, ana.id);

  const rest = new REST({ api: `${emu.url}/api` }).setToken(BOT_TOKEN);
  // A session store of this manager's own (the library's default one is shared by the whole process).
  const sessions = new Map<number, SessionInfo>();
  const manager = new WebSocketManager({
    token: BOT_TOKEN,
    intents: GatewayIntentBits.Guilds | GatewayIntentBits.GuildMembers, // 3
    rest,
    retrieveSessionInfo: (shardId) => sessions.get(shardId) ?? null,
    updateSessionInfo: (shardId, info) => void (info ? sessions.set(shardId, info) : sessions.delete(shardId)),
  });
  const seen: GatewayDispatchPayload[] = [];
  let resumed = 0;
  manager.on(WebSocketShardEvents.Dispatch, (payload) => void seen.push(payload));
  manager.on(WebSocketShardEvents.Resumed, () => void (resumed += 1));
  t.teardown(async () => {
    await manager.destroy();
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  });

  await manager.connect();
  t.match(
    seen.map((p) => p.t),
    ['READY', 'GUILD_CREATE'],
  );
  const tagsOf = () =>
    seen.flatMap((p) =>
      p.t === 'GUILD_MEMBER_UPDATE' ? [(p.d.user as { primary_guild?: { tag: string } }).primary_guild?.tag] : [],
    );

  emu.state.setPrimaryGuild(ana.id, tag('ONE'));
  await waitFor(() => tagsOf().includes('ONE'), { what: 'GUILD_MEMBER_UPDATE with the new tag' });

  t.equal(emu.state.gateway.drop(), 1);
  emu.state.setPrimaryGuild(ana.id, tag('TWO'));
  await waitFor(() => resumed === 1 && tagsOf().includes('TWO'), { what: 'the resume replaying the missed tag' });
  t.same(tagsOf(), ['ONE', 'TWO']);
  t.match(emu.state.gateway.stats(), { identifies: 1, resumes: 1, connections: 1 });
  t.match(emu.state.gateway.stats().sessions, [{ connected: true, intents: 3 }]);

  await manager.destroy();
  await waitFor(() => emu.state.gateway.stats().sessions.length === 0, {
    what: 'the session to end with the client closing 1000',
  });
});
