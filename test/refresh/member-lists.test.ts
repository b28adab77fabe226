import t from 'tap';
import { eq } from 'drizzle-orm';
import { refreshRuns } from '../../src/db/schema.js';
import { DAY_MS } from '../../src/metadata/connection.js';
import { runRefresh, type RefreshOptions } from '../../src/refresh/job.js';
import { GUILD_ID, harness, linkMembers, OTHER_GUILD_ID, verify, wornTag, type Harness } from '../helpers.js';
import { waitFor } from '../wait-for.js';

const HOUR = 3_600_000;
const refresh = (h: Harness, options: RefreshOptions = {}) =>
  runRefresh({ config: h.config, db: h.db, clock: h.clock }, { retryBaseDelayMs: 1, ...options });
const callsTo = (h: Harness, route: string) => h.emulator.calls.filter((c) => c.route.startsWith(route));
const reads = (h: Harness) => callsTo(h, '/users/@me').filter((c) => c.method === 'GET').length;
const puts = (h: Harness) => h.emulator.calls.filter((c) => c.method === 'PUT').length;
const join = (h: Harness, guildId: string, users: readonly { id: string }[]) => {
  for (const user of users) h.emulator.addGuildMember(guildId, user.id);
};

t.test('members found in the tag server list are judged from it, with no read of their own', async (t) => {
  const h = await harness(t);
  const [listed, changed, absent] = await linkMembers(h, 3);
  join(h, GUILD_ID, [listed!, changed!]);
  const stranger = h.emulator.addUser({ username: 'stranger' });
  h.emulator.addGuildMember(GUILD_ID, stranger.id);
  h.emulator.setPrimaryGuild(changed!.id, null);
  h.clock.now += HOUR;

  const summary = await refresh(h);
  t.match(summary, { checked: 3, updated: 1, unchanged: 2, listPages: 1, memberReads: 1, puts: 1, notices: [] });
  t.same(
    callsTo(h, '/users/@me')
      .filter((c) => c.method === 'GET')
      .map((c) => c.userId),
    [absent!.id],
    'only the member in no list is read with their own token',
  );
  t.equal(h.emulator.getRoleConnection(changed!.id)?.metadata.tag_worn, '0', 'the change seen in the list is pushed');
  t.equal(puts(h), 1, 'a PUT only where the values changed');
  t.notOk(h.members.get(stranger.id), 'a listed stranger is not stored');

  const row = h.db.select().from(refreshRuns).orderBy(refreshRuns.id).all().at(-1)!;
  t.match(row, { listPages: 1, memberReads: 1, puts: 1, discordCalls: 3 });
});

t.test('day counts still advance and tokens are still refreshed for listed members', async (t) => {
  const h = await harness(t);
  const [member] = await linkMembers(h, 1);
  join(h, GUILD_ID, [member!]);
  const before = h.members.get(member!.id)!;
  h.clock.now += 6.5 * DAY_MS;
  const summary = await refresh(h);
  t.match(summary, { checked: 1, updated: 1, refreshed: 1, memberReads: 0, puts: 1 });
  t.equal(reads(h), 0);
  t.equal(h.emulator.getRoleConnection(member!.id)?.metadata.tag_streak_days, '6');
  t.not(h.members.get(member!.id)!.refreshToken, before.refreshToken, 'the rotated pair is stored');

  h.clock.now += HOUR;
  h.emulator.calls.length = 0;
  t.match(await refresh(h), { unchanged: 1, puts: 0, listPages: 1 }, 'the same day: nothing to send');
  t.equal(h.emulator.calls.length, 1, 'one list page and nothing else');
});

t.test('a member of two tag servers is checked once; lists are read page by page', async (t) => {
  const h = await harness(t, { env: { TAG_GUILD_IDS: `${GUILD_ID},${OTHER_GUILD_ID}` } });
  h.emulator.addBotToGuild(OTHER_GUILD_ID);
  const users = await linkMembers(h, 5);
  join(h, GUILD_ID, users);
  join(h, OTHER_GUILD_ID, users.slice(0, 3));
  h.clock.now += HOUR;
  const summary = await refresh(h, { listPageSize: 2 });
  t.match(summary, { checked: 5, unchanged: 5, memberReads: 0 });
  // Server one: pages of 2, 2 and 1; server two: 2 and 1.
  t.equal(summary.listPages, 5);
  t.same(
    callsTo(h, `/guilds/${GUILD_ID}/members`).map((c) => c.status),
    [200, 200, 200],
  );
});

t.test('with the Server Members intent off the job says so once and reads every member', async (t) => {
  const h = await harness(t, { env: { TAG_GUILD_IDS: `${GUILD_ID},${OTHER_GUILD_ID}` } });
  h.emulator.addBotToGuild(OTHER_GUILD_ID);
  const users = await linkMembers(h, 2);
  join(h, GUILD_ID, users);
  h.emulator.updateApplication({ flags: 0 });
  h.clock.now += HOUR;
  const summary = await refresh(h);
  t.match(summary, { checked: 2, unchanged: 2, failed: 0, listPages: 0, memberReads: 2 });
  t.equal(summary.notices.length, 1, 'said once, not once per server');
  t.match(summary.notices[0], /403, code 50001.*although the bot is in that server.*Server Members Intent/);
  t.same(
    callsTo(h, '/guilds/').map((c) => `${c.route} ${c.status}`),
    [`/guilds/${GUILD_ID}/members 403`, `/guilds/${GUILD_ID} 200`],
    'the server itself tells the two 50001s apart; the other server is not asked',
  );
});

t.test('a tag server without the bot is named; the other servers are still read from their lists', async (t) => {
  const unknown = '444444444444444444';
  const h = await harness(t, { env: { TAG_GUILD_IDS: `${OTHER_GUILD_ID},${unknown},${GUILD_ID}` } });
  // The bot left one server (403 50001 to its list, as with the intent off); the other never existed.
  h.emulator.addBotToGuild(OTHER_GUILD_ID);
  h.emulator.removeBotFromGuild(OTHER_GUILD_ID);
  const users = await linkMembers(h, 2);
  join(h, GUILD_ID, users);
  h.clock.now += HOUR;
  const summary = await refresh(h);
  t.match(summary, { checked: 2, unchanged: 2, failed: 0, listPages: 1, memberReads: 0 });
  t.match(summary.notices, [
    new RegExp(`The bot is not in server ${OTHER_GUILD_ID}.*Missing Access.*npm run setup`),
    new RegExp(`The bot is not in server ${unknown}, or there is no such server.*Unknown Guild`),
  ]);
  t.notMatch(summary.notices.join(' '), /intent/i, 'not blamed on the intent');
  t.same(
    callsTo(h, '/guilds/').map((c) => `${c.route} ${c.status}`),
    [
      `/guilds/${OTHER_GUILD_ID}/members 403`,
      `/guilds/${OTHER_GUILD_ID} 403`,
      `/guilds/${unknown}/members 404`,
      `/guilds/${GUILD_ID}/members 200`,
    ],
  );

  h.emulator.addFault({ kind: 'status', target: 'guild', status: 500, times: 10 });
  h.clock.now += HOUR;
  const sweep = await refresh(h, { listsOnly: true });
  t.match(sweep, { checked: 2, listPages: 1 });
  t.match(
    sweep.notices,
    [
      new RegExp(`Could not read the member list of server ${OTHER_GUILD_ID}.*wait for the next full refresh`),
      /no such server.*wait for the next full refresh/,
    ],
    'when the server cannot be asked either, the notice says so; a sweep reads no one by one',
  );
});

t.test('a refused list is judged by its status, whatever code comes with it', async (t) => {
  const h = await harness(t, { env: { TAG_GUILD_IDS: `${GUILD_ID},${OTHER_GUILD_ID}` } });
  h.emulator.addBotToGuild(OTHER_GUILD_ID);
  const users = await linkMembers(h, 1);
  join(h, GUILD_ID, users);
  // General errors (code 0): a 404 to one list, then a 403 to the other while the bot is there.
  h.emulator.addFault({ kind: 'status', target: 'members', status: 404, times: 1 });
  h.emulator.addFault({ kind: 'status', target: 'members', status: 403, times: 1 });
  h.clock.now += HOUR;
  const summary = await refresh(h);
  t.match(summary.notices, [
    new RegExp(`The bot is not in server ${GUILD_ID}, or there is no such server`),
    new RegExp(`server ${OTHER_GUILD_ID} \\(403, code 0\\) although the bot is in that server`),
  ]);
  t.match(summary, { checked: 1, failed: 0, memberReads: 1 });
});

t.test('without a bot token, or for one member, every member is read as before', async (t) => {
  const h = await harness(t, { env: { DISCORD_BOT_TOKEN: '' } });
  const users = await linkMembers(h, 2);
  join(h, GUILD_ID, users);
  h.clock.now += HOUR;
  const summary = await refresh(h);
  t.match(summary, { checked: 2, memberReads: 2, listPages: 0 });
  t.match(summary.notices, [/DISCORD_BOT_TOKEN is not set/]);

  const withBot = await harness(t);
  const [one] = await linkMembers(withBot, 1);
  join(withBot, GUILD_ID, [one!]);
  withBot.clock.now += HOUR;
  t.match(await refresh(withBot, { userId: one!.id }), { checked: 1, memberReads: 1, listPages: 0, notices: [] });
});

t.test('a list that keeps failing falls back to reading those members; a sweep reads lists only', async (t) => {
  const h = await harness(t);
  const [listed, absent] = await linkMembers(h, 2);
  join(h, GUILD_ID, [listed!]);
  h.clock.now += HOUR;
  h.emulator.addFault({ kind: 'status', target: 'members', status: 500, times: 10 });
  const summary = await refresh(h);
  t.match(summary, { checked: 2, failed: 0, memberReads: 2, listPages: 0 });
  t.match(summary.notices, [/Could not read the member list of server 111111111111111111/]);
  h.emulator.clearFaults();

  h.clock.now += HOUR;
  const sweep = await refresh(h, { listsOnly: true });
  t.match(sweep, { checked: 1, memberReads: 0, listPages: 1 });
  t.ok(h.members.get(absent!.id)!.lastObservedAt < h.clock.now, 'the member in no list waits for the full run');
  const rows = h.db.select().from(refreshRuns).where(eq(refreshRuns.listPages, 1)).all();
  t.equal(rows.length, 1);
});

t.test('a member written after their list page was read is not judged from that page', async (t) => {
  const h = await harness(t);
  const [first, second] = await linkMembers(h, 2);
  join(h, GUILD_ID, [first!, second!]);
  h.emulator.setPrimaryGuild(first!.id, null);
  h.emulator.setPrimaryGuild(second!.id, null);
  h.clock.now += HOUR;
  h.emulator.addFault({ kind: 'hold', target: 'role-connection', times: 1 });
  const run = refresh(h, { concurrency: 1 });
  await waitFor(() => h.emulator.held.count === 1, { what: "the run's first PUT to be held" });
  // While the run works on the first member, the second puts the tag back on and verifies: newer
  // than the list page the run holds, which still shows them without it.
  const heldFor = h.emulator.held.list()[0]?.userId;
  const pending = [first!, second!].find((u) => u.id !== heldFor)!;
  t.ok(heldFor && pending, 'the held PUT names its member');
  h.emulator.setPrimaryGuild(pending.id, wornTag());
  t.equal((await verify(h, pending.id)).statusCode, 200);
  h.emulator.held.release();
  const summary = await run;
  t.match(summary, { checked: 2, updated: 1, skipped: 1 });
  t.equal(h.emulator.getRoleConnection(pending.id)?.metadata.tag_worn, '1', 'the newer observation stands');
  t.match(h.members.get(pending.id), { pushedMetadata: { tag_worn: '1' } });
});
