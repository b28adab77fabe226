// What a gateway event about a member becomes: for a linked member, the refresh job's per-member
// check (token refreshed first when due, a PUT only where values change, revoked members handled
// alike), judged from the user object in the event; for anyone else, nothing at all.
import { GatewayDispatchEvents, type APIUser, type GatewayDispatchPayload } from 'discord-api-types/v10';
import type { MemberLocks } from '../db/member-locks.js';
import type { MemberStore } from '../db/members.js';
import { refreshMember, type MemberJobContext, type Outcome } from '../refresh/refresh-member.js';

export interface MemberEventDeps {
  ctx: MemberJobContext;
  members: MemberStore;
  locks: MemberLocks;
  tagGuildIds: readonly string[];
  /** False while the invalid-request budget is spent: the event is left for the next sweep. */
  mayCall: () => boolean;
  /**
   * Bounds how many members are worked on at once, and waits out a pause Discord asked of everyone;
   * undefined when the service stopped first.
   */
  admit: <T>(fn: () => Promise<T>) => Promise<T | undefined>;
  debug: (message: string) => void;
}

export const MEMBER_EVENTS: ReadonlySet<string> = new Set([
  GatewayDispatchEvents.GuildMemberAdd,
  GatewayDispatchEvents.GuildMemberUpdate,
  GatewayDispatchEvents.GuildMemberRemove,
]);

/** Handles one dispatch; null when it was not about a linked member (or could not be acted on). */
export async function onMemberEvent(deps: MemberEventDeps, payload: GatewayDispatchPayload): Promise<Outcome | null> {
  let user: APIUser;
  let observed: APIUser | undefined;
  switch (payload.t) {
    case GatewayDispatchEvents.GuildMemberAdd:
    case GatewayDispatchEvents.GuildMemberUpdate:
      if (!payload.d.user) return null;
      user = payload.d.user;
      // Without the key the event cannot say whether a tag is worn: read the member instead.
      observed = 'primary_guild' in user ? user : undefined;
      break;
    case GatewayDispatchEvents.GuildMemberRemove:
      // Leaving one of our tag servers: check the member again with their own token.
      if (!deps.tagGuildIds.includes(payload.d.guild_id)) return null;
      user = payload.d.user;
      break;
    default:
      return null;
  }
  if (!deps.members.isLinked(user.id)) {
    // Strangers stay strangers: no id, no tag, no Discord call.
    deps.debug('a member event about someone who never linked was dropped');
    return null;
  }
  if (!deps.mayCall()) return null;
  // The same change arrives once per server the bot shares with the member: one at a time, and
  // each re-reads the row, so the second finds the values already pushed.
  const outcome = await deps.admit(() =>
    deps.locks.run(user.id, async () => {
      const member = deps.members.linked(user.id);
      return member ? refreshMember(deps.ctx, member, observed) : null;
    }),
  );
  return outcome ?? null;
}
