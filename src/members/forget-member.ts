// Removing a member entirely: their role connection on Discord, their authorization, and every row
// we keep. Shared by the member's Disconnect button and the admin's `npm run forget`.
import type { Clock } from '../time/clock.js';
import type { Member, MemberStore } from '../db/members.js';
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
  const { members } = deps;
  const member = members.get(userId);
  if (!member) return { found: false, revokedOnDiscord: false };
  let revokedOnDiscord = false;
  try {
    revokedOnDiscord = await cleanUpOnDiscord(deps, member, false);
  } catch (error) {
    if (!refusedTokens(error)) throw error;
    // A 401 to a token not yet due to expire, or a refresh token already spent, may only mean our
    // copy is stale (Discord ended the access token early, or a refresh run rotated the pair just
    // now): one more try with a fresh pair from the latest row tells that from a member who removed us.
    const latest = members.get(userId);
    try {
      revokedOnDiscord = latest ? await cleanUpOnDiscord(deps, latest, true) : false;
    } catch (again) {
      if (!refusedTokens(again)) throw again;
    }
  }
  members.delete(userId);
  return { found: true, revokedOnDiscord };
}

/**
 * Discord refused the member's tokens: once a fresh pair is refused too, the member removed us and
 * nothing is left there to clean up. (A refusal of our own credentials is a MisconfiguredError,
 * which keeps the row like any other failure.)
 */
const refusedTokens = (error: unknown) => error instanceof UnauthorizedError || error instanceof InvalidGrantError;

/** Deletes the role connection and revokes the authorization; false when we hold no tokens. */
async function cleanUpOnDiscord(deps: ForgetDeps, member: Member, refreshFirst: boolean): Promise<boolean> {
  const { members, discord, clock } = deps;
  if (!member.accessToken || !member.refreshToken) return false;
  let accessToken = member.accessToken;
  let refreshToken = member.refreshToken;
  if (refreshFirst || (member.tokenExpiresAt ?? 0) <= clock()) {
    const tokens = await discord.refresh(refreshToken);
    members.replaceTokens(member.userId, member.revision, tokens, clock());
    accessToken = tokens.accessToken;
    refreshToken = tokens.refreshToken;
  }
  await discord.asMember(accessToken).deleteRoleConnection();
  await discord.revoke(refreshToken, 'refresh_token');
  return true;
}
