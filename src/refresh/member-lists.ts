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
}

export interface MemberListsInput {
  discord: DiscordClient;
  members: MemberStore;
  guildIds: readonly string[];
  /** Only members not observed since then. */
  cutoff: number;
  retry: <T>(fn: () => Promise<T>) => Promise<T>;
  onPage: () => void;
  /** Told once per kind of problem, in words for the admin. */
  notice: (text: string) => void;
  /** Members already handed on (a member of two tag servers is checked once). */
  handled: IdSet;
  /** Members per list page; Discord's maximum unless a test wants pages. */
  pageSize?: number;
}

/** Linked members due for a check, server by server, page by page. */
export async function* listedMembers(input: MemberListsInput): AsyncGenerator<ListedMember> {
  const { discord, members, cutoff, handled } = input;
  const pageSize = input.pageSize ?? PAGE_SIZE;
  for (const guildId of input.guildIds) {
    let after = '0';
    for (;;) {
      let page;
      try {
        page = await input.retry(() => discord.listGuildMembers(guildId, after, pageSize));
      } catch (error) {
        if (error instanceof MisconfiguredError || !(error instanceof DiscordError)) throw error;
        const intentOff = error instanceof DiscordRequestError && error.status === 403 && error.code === 50001;
        input.notice(
          intentOff
            ? `Discord refused the member list of server ${guildId} (403, code 50001 Missing Access): the Server Members intent is off (${MEMBERS_INTENT_SWITCH}) or the bot is not in that server. Its members are read one by one with their own tokens.`
            : `Could not read the member list of server ${guildId} (${error.message}); its members are read one by one with their own tokens.`,
        );
        // With the intent off every list fails alike: do not ask again for the other servers.
        if (intentOff) return;
        break;
      }
      input.onPage();
      const users = new Map(page.flatMap((entry) => (entry.user ? [[entry.user.id, entry.user] as const] : [])));
      const due = members.dueAmong(
        [...users.keys()].filter((id) => !handled.has(id)),
        cutoff,
      );
      for (const member of due) {
        const user = users.get(member.userId)!;
        handled.add(member.userId);
        // A user object without the key cannot say whether a tag is worn: read that member instead.
        yield 'primary_guild' in user ? { member, user } : { member };
      }
      const last = page.at(-1)?.user?.id;
      if (page.length < pageSize || last === undefined) break;
      after = last;
    }
  }
}
