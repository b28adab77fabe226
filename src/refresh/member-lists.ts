// Reads each tag server's member list with the bot token (1,000 members a call) and hands on the
// linked members found in it with the user object the bot sees, so the refresh judges their tag
// without one Discord call per member. Members in no list are left to the per-member read.
import type { APIUser } from 'discord-api-types/v10';
import type { Member, MemberStore } from '../db/members.js';
import type { DiscordClient } from '../discord/client.js';
import { DiscordError, DiscordRequestError, MisconfiguredError } from '../discord/errors.js';
import { MEMBERS_INTENT_SWITCH } from '../discord/intents.js';
import type { IdSet } from './id-set.js';

export const PAGE_SIZE = 1000;

export interface ListedMember {
  member: Member;
  /** The user object from the list; absent when the member must be read with their own token. */
  user?: APIUser;
  /** When the list page with `user` came (injected clock): a later observation of the member is newer. */
  observedAt?: number;
}

export interface MemberListsInput {
  discord: DiscordClient;
  members: MemberStore;
  guildIds: readonly string[];
  /** Only members not observed since then. */
  cutoff: number;
  retry: <T>(fn: () => Promise<T>) => Promise<T>;
  clock: () => number;
  onPage: () => void;
  /** Told once per kind of problem, in words for the admin. */
  notice: (text: string) => void;
  /** Members already handed on (a member of two tag servers is checked once). */
  handled: IdSet;
  /** Members per list page; Discord's maximum unless a test wants pages. */
  pageSize?: number;
  /** A sweep of the lists alone: members of a list that fails wait for the next full run. */
  listsOnly?: boolean;
}

/** Linked members due for a check, server by server, page by page. */
export async function* listedMembers(input: MemberListsInput): AsyncGenerator<ListedMember> {
  const { discord, members, cutoff, handled } = input;
  const pageSize = input.pageSize ?? PAGE_SIZE;
  const fallback = input.listsOnly ? 'wait for the next full refresh' : 'are read one by one with their own tokens';
  for (const guildId of input.guildIds) {
    let after = '0';
    for (;;) {
      let page;
      try {
        page = await input.retry(() => discord.listGuildMembers(guildId, after, pageSize));
      } catch (error) {
        if (error instanceof MisconfiguredError || !(error instanceof DiscordError)) throw error;
        const status = error instanceof DiscordRequestError ? error.status : 0;
        // Discord refuses with 403 (code 50001, usually) both with the intent off and to a bot
        // outside the server: the server itself tells which. A 404 (10004, usually): no such server.
        const bot = status === 403 ? await botPresence(input, guildId) : status === 404 ? 'absent' : 'unknown';
        if (bot === 'in') {
          const code = (error as DiscordRequestError).code;
          input.notice(
            `Discord refused the member list of server ${guildId} (403, code ${code}${code === 50001 ? ' Missing Access' : ''}) although the bot is in that server: the Server Members intent is off (${MEMBERS_INTENT_SWITCH}). Members ${fallback}.`,
          );
          // With the intent off every list fails alike: do not ask again for the other servers.
          return;
        }
        input.notice(
          bot === 'absent'
            ? `The bot is not in server ${guildId}, or there is no such server (Discord refused its member list: ${error.message}): check TAG_GUILD_IDS, and have a server admin add the bot (npm run setup prints the link). Its members ${fallback}.`
            : `Could not read the member list of server ${guildId} (${error.message}); its members ${fallback}.`,
        );
        break;
      }
      input.onPage();
      const observedAt = input.clock();
      const users = new Map(page.flatMap((entry) => (entry.user ? [[entry.user.id, entry.user] as const] : [])));
      const due = members.dueAmong(
        [...users.keys()].filter((id) => !handled.has(id)),
        cutoff,
      );
      for (const member of due) {
        const user = users.get(member.userId)!;
        handled.add(member.userId);
        // A user object without the key cannot say whether a tag is worn: read that member instead.
        yield 'primary_guild' in user ? { member, user, observedAt } : { member };
      }
      const last = page.at(-1)?.user?.id;
      if (page.length < pageSize || last === undefined) break;
      after = last;
    }
  }
}

/** Whether the bot is in the server: `GET /guilds/{id}` answers 200 if so, 403 or 404 if not. */
async function botPresence(input: MemberListsInput, guildId: string): Promise<'in' | 'absent' | 'unknown'> {
  try {
    await input.retry(() => input.discord.getGuild(guildId));
    return 'in';
  } catch (error) {
    if (error instanceof MisconfiguredError || !(error instanceof DiscordError)) throw error;
    const refused = error instanceof DiscordRequestError && (error.status === 403 || error.status === 404);
    return refused ? 'absent' : 'unknown';
  }
}
