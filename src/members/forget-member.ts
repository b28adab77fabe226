// Removing a member entirely: their role connection on Discord, their authorization, and every row
// we keep. Shared by the member's Disconnect button and the admin's `npm run forget`.
import type { Clock } from '../time/clock.js';
import type { MemberStore } from '../db/members.js';
import type { DiscordClient } from '../discord/client.js';
import { InvalidGrantError, UnauthorizedError } from '../discord/errors.js';

export interface ForgetDeps {
  members: MemberStore;
  discord: DiscordClient;
  clock: Clock;
}

export interface ForgetResult {
  found: boolean;
  /** Whether Discord still held an authorization we could revoke. */
  revokedOnDiscord: boolean;
}

/**
 * Discord failures other than "already revoked" propagate and leave the row in place, so the member
 * can try again: deleting locally first would strand the role connection on Discord.
 */
export async function forgetMember(deps: ForgetDeps, userId: string): Promise<ForgetResult> {
  const { members, discord, clock } = deps;
  const member = members.get(userId);
  if (!member) return { found: false, revokedOnDiscord: false };
  let revokedOnDiscord = false;
  if (member.accessToken && member.refreshToken) {
    let accessToken: string | null = member.accessToken;
    let refreshToken = member.refreshToken;
    try {
      if ((member.tokenExpiresAt ?? 0) <= clock()) {
        const tokens = await discord.refresh(refreshToken);
        members.replaceTokens(userId, member.revision, tokens, clock());
        accessToken = tokens.accessToken;
        refreshToken = tokens.refreshToken;
      }
      await discord.asMember(accessToken).deleteRoleConnection();
      await discord.revoke(refreshToken, 'refresh_token');
      revokedOnDiscord = true;
    } catch (error) {
      // The member already removed us on Discord: nothing is left there to clean up. (A refusal of
      // our own credentials is a MisconfiguredError, which keeps the row like any other failure.)
      if (!(error instanceof UnauthorizedError || error instanceof InvalidGrantError)) throw error;
    }
  }
  members.delete(userId);
  return { found: true, revokedOnDiscord };
}
