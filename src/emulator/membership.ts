// Server membership and what the bot hears of it (README §10): joining, leaving and a changed user object
// become GUILD_MEMBER_ADD / _REMOVE / _UPDATE, once per server that both the bot and the user are in.
import type { ApplicationStore } from './application.js';
import type { Gateway } from './gateway.js';
import { discordTimestamp, memberBody, publicUserBody } from './member-body.js';
import type { MemberStore } from './members.js';
import type { EmulatedUser } from './types.js';

export class Membership {
  constructor(
    private readonly members: MemberStore,
    private readonly app: ApplicationStore,
    private readonly gateway: Gateway,
    private readonly user: (userId: string) => EmulatedUser | undefined,
    private readonly clock: () => number,
  ) {}

  /** False when already a member; GUILD_MEMBER_ADD when the bot is in that server. */
  add(guildId: string, userId: string, notify = true): boolean {
    const user = this.user(userId);
    if (!user) throw new Error(`unknown user ${userId}`);
    if (!this.members.add(guildId, userId, this.clock())) return false;
    if (notify && this.app.hasBot(guildId)) this.gateway.dispatch('GUILD_MEMBER_ADD', this.event(guildId, user));
    return true;
  }

  /** False when not a member; GUILD_MEMBER_REMOVE when the bot is in that server. */
  remove(guildId: string, userId: string): boolean {
    if (!this.members.remove(guildId, userId)) return false;
    const user = this.user(userId);
    if (user && this.app.hasBot(guildId)) {
      this.gateway.dispatch('GUILD_MEMBER_REMOVE', { guild_id: guildId, user: publicUserBody(user) });
    }
    return true;
  }

  /** Every server with members: id → member ids ascending. */
  all(): Record<string, string[]> {
    return this.members.all();
  }

  /** After a user object changed (e.g. its primary_guild): GUILD_MEMBER_UPDATE per shared server. */
  userChanged(userId: string, before: string): void {
    const user = this.user(userId);
    if (!user || JSON.stringify(publicUserBody(user)) === before) return;
    for (const guildId of this.app.botGuildIds()) {
      if (this.members.joinedAt(guildId, userId) !== undefined) {
        this.gateway.dispatch('GUILD_MEMBER_UPDATE', this.event(guildId, user));
      }
    }
  }

  /** The user object as it is now, to compare with after a change. */
  snapshot(userId: string): string {
    const user = this.user(userId);
    return user ? JSON.stringify(publicUserBody(user)) : '';
  }

  member(guildId: string, userId: string): Record<string, unknown> | undefined {
    const joinedAt = this.members.joinedAt(guildId, userId);
    const user = joinedAt === undefined ? undefined : this.user(userId);
    return user && memberBody(user, joinedAt!);
  }

  page(guildId: string, after: bigint, limit: number): Record<string, unknown>[] {
    return this.members.page(guildId, after, limit).flatMap((id) => this.member(guildId, id) ?? []) as Record<
      string,
      unknown
    >[];
  }

  /** GUILD_CREATE for a server the bot is in: the guild, no member list (README §10.3). */
  guildCreate(guildId: string): Record<string, unknown> {
    const count = this.members.count(guildId);
    return {
      id: guildId,
      name: this.app.guildName(guildId) ?? `Server ${guildId}`,
      icon: null,
      owner_id: '0',
      features: [],
      unavailable: false,
      member_count: count,
      large: count > 250,
      joined_at: discordTimestamp(this.clock()),
      roles: [],
      channels: [],
      members: [],
    };
  }

  private event(guildId: string, user: EmulatedUser): Record<string, unknown> {
    return { guild_id: guildId, ...memberBody(user, this.members.joinedAt(guildId, user.id)!) };
  }
}
