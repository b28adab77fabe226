// Removing a member entirely: their role connection on Discord, their authorization, and every row
// we keep. Shared by the member's Disconnect button and the admin's `npm run forget`.
import type { Clock } from '../time/clock.js';
import type { MemberLocks } from '../db/member-locks.js';
import type { Member, MemberStore } from '../db/members.js';
import type { DiscordClient } from '../discord/client.js';
import { InvalidGrantError, mayHaveActed, mayHaveSpent, UnauthorizedError } from '../discord/errors.js';
import { PageError } from '../views/error-view.js';

export interface ForgetDeps {
  members: MemberStore;
  discord: DiscordClient;
  clock: Clock;
  /** One member's writes one at a time in this process; default: none. */
  locks?: MemberLocks;
}

export interface ForgetResult {
  found: boolean;
  /** Whether Discord still held an authorization we could revoke. */
  revokedOnDiscord: boolean;
}

/** How long forgetting waits for another write of the same member in this process. */
const LOCK_WAIT_MS = 10_000;
/** How long a refresh token spent by another process (a refresh run) is taken to be still in flight. */
const IN_FLIGHT_MS = 60_000;
const busy = () => new PageError(503, 'error.busy.title', 'error.busy.text', 'member-busy');

/**
 * Discord failures other than "already revoked" propagate and leave the row in place, so the member
 * can try again: deleting locally first would strand the role connection on Discord.
 */
export async function forgetMember(deps: ForgetDeps, userId: string): Promise<ForgetResult> {
  const run = () => forgetNow(deps, userId);
  return deps.locks ? deps.locks.run(userId, run, LOCK_WAIT_MS, busy) : run();
}

async function forgetNow(deps: ForgetDeps, userId: string): Promise<ForgetResult> {
  const { members, clock } = deps;
  const member = members.get(userId);
  if (!member) return { found: false, revokedOnDiscord: false };
  // Another process is spending the refresh token: its answer decides who holds the pair.
  if (member.refreshStartedAt !== null && clock() - member.refreshStartedAt < IN_FLIGHT_MS) throw busy();
  let outcome = await cleanUpOnDiscord(deps, member);
  if (!outcome.revoked) {
    // Refused: unless a refresh run stored a new pair after our read, whose pair is then the live one.
    const latest = members.get(userId);
    if (latest?.refreshToken && latest.refreshToken !== outcome.lastRefreshToken) {
      outcome = await cleanUpOnDiscord(deps, latest);
    }
  }
  members.delete(userId);
  return { found: true, revokedOnDiscord: outcome.revoked };
}

interface CleanUp {
  /** False when Discord no longer honours the member's tokens (they removed us, or the pair was lost
   * to a rotation whose answer never came): nothing is left there that we could clean up. */
  revoked: boolean;
  /** The last refresh token we held. */
  lastRefreshToken: string | null;
}

/** Deletes the role connection and revokes the authorization. */
async function cleanUpOnDiscord(deps: ForgetDeps, member: Member): Promise<CleanUp> {
  const { members, discord, clock } = deps;
  if (!member.accessToken || !member.refreshToken) return { revoked: false, lastRefreshToken: member.refreshToken };
  const userId = member.userId;
  let { accessToken, refreshToken } = member;
  let renewed = false;
  // The latest revision: the row is about to go, so a newer write of it must not stop the rotation.
  const revisionNow = () => members.get(userId)?.revision ?? -1;
  const renew = async () => {
    const rotated = await members.rotateTokens(
      userId,
      revisionNow(),
      clock,
      () => discord.refresh(refreshToken),
      mayHaveSpent,
    );
    // Another write came between the read and the mark: nothing was spent, so the member can retry.
    if (!rotated) throw busy();
    // Not stored if the row moved on while the token was spent: it is still the only live pair.
    ({ accessToken, refreshToken } = rotated.tokens);
    renewed = true;
  };
  // Once the role connection may be gone from Discord, the row says so: should the revoke fail and
  // the member stay, the next refresh puts their connection back rather than taking it for there.
  const deleteConnection = async () => {
    try {
      await discord.asMember(accessToken).deleteRoleConnection();
    } catch (error) {
      if (mayHaveActed(error)) members.markForPush(userId, clock());
      throw error;
    }
    members.markForPush(userId, clock());
  };
  try {
    if ((member.tokenExpiresAt ?? 0) <= clock()) await renew();
    try {
      await deleteConnection();
    } catch (error) {
      // A 401 to a token not yet due to expire may be an early expiry: one renewal tells.
      if (!(error instanceof UnauthorizedError) || renewed) throw error;
      await renew();
      await deleteConnection();
    }
  } catch (error) {
    if (!(error instanceof UnauthorizedError || error instanceof InvalidGrantError)) throw error;
    // A pair Discord has just issued refused at once: revoke it all the same, then let go.
    if (renewed) await discord.revoke(refreshToken, 'refresh_token');
    return { revoked: false, lastRefreshToken: refreshToken };
  }
  await discord.revoke(refreshToken, 'refresh_token');
  return { revoked: true, lastRefreshToken: refreshToken };
}
