// Brings one member's role connection up to date: refresh the token when it is about to expire
// (storing the rotated pair before using it), read the tag, push only what changed.
import type { APIUser } from 'discord-api-types/v10';
import type { Clock } from '../time/clock.js';
import { alreadyPushed, historyOf, type Member, type MemberStore } from '../db/members.js';
import type { DiscordClient, TokenSet } from '../discord/client.js';
import type { MemberApi } from '../discord/member-api.js';
import {
  DiscordError,
  InvalidGrantError,
  mayHaveSpent,
  MisconfiguredError,
  UnauthorizedError,
} from '../discord/errors.js';
import { computeConnection, roleConnectionBody, type ComputeSettings } from '../metadata/connection.js';

export type OutcomeKind = 'updated' | 'unchanged' | 'revoked' | 'reverify' | 'failed' | 'skipped';

export interface Outcome {
  userId: string;
  kind: OutcomeKind;
  refreshed: boolean;
  /** Whether the member was read with their own token (GET /users/@me). */
  read: boolean;
  /** Whether a role-connection PUT was sent. */
  pushed: boolean;
  reason?: string;
}

export interface MemberJobContext {
  members: MemberStore;
  discord: DiscordClient;
  clock: Clock;
  settings: ComputeSettings;
  /** Refresh access tokens that expire within this many ms. */
  marginMs: number;
  dryRun: boolean;
  retry: <T>(fn: () => Promise<T>) => Promise<T>;
  /**
   * Retries for the refresh grant: never after a timeout or lost connection, because Discord may have
   * rotated the token already and a second try would spend the dead one and look like a revocation.
   */
  retryRefresh: <T>(fn: () => Promise<T>) => Promise<T>;
}

/** Ends the member's work early with this outcome. */
class Stop {
  constructor(
    readonly kind: OutcomeKind,
    readonly reason?: string,
  ) {}
}

/**
 * `observed`: the member's user object as the bot saw it (a member list, a gateway event); then the
 * tag is judged from it and the member is not read with their own token.
 */
export async function refreshMember(ctx: MemberJobContext, row: Member, observed?: APIUser): Promise<Outcome> {
  const { members, discord, clock, dryRun } = ctx;
  const userId = row.userId;
  let revision = row.revision;
  let accessToken = row.accessToken;
  let refreshToken = row.refreshToken;
  let refreshed = false;
  let read = false;
  let pushed = false;
  const outcome = (kind: OutcomeKind, reason?: string): Outcome => ({
    userId,
    kind,
    refreshed,
    read,
    pushed,
    ...(reason ? { reason } : {}),
  });

  const reverify = (): Stop =>
    members.markReverify(userId, revision, clock())
      ? new Stop('reverify', 'the rotated tokens of an earlier refresh never reached us; the member must verify again')
      : new Stop('skipped', 'the member verified again meanwhile');

  const revoke = (): Stop => {
    if (dryRun) return new Stop('revoked');
    return members.markRevoked(userId, revision, clock())
      ? new Stop('revoked')
      : new Stop('skipped', 'the member verified again meanwhile');
  };

  /**
   * Spends the refresh token once; the new pair is stored before anything uses it. A mark is kept
   * while the grant is in flight: found again by a later run, it means the rotated pair was lost on
   * our side (a crash, a lost answer), so a refusal then is not the member leaving.
   */
  const refresh = async (): Promise<void> => {
    if (dryRun) throw new Stop('skipped', 'access token expired; a real run would refresh it');
    // A 5xx is retried, but Discord may have rotated the pair before failing: a refusal after one,
    // now or in a later run (the mark stays), is the pair lost on the way, not the member leaving.
    let failedTry = false;
    const spend = async (): Promise<TokenSet> => {
      try {
        return await discord.refresh(refreshToken!);
      } catch (error) {
        failedTry ||= mayHaveSpent(error);
        throw error;
      }
    };
    let rotated;
    try {
      rotated = await members.rotateTokens(
        userId,
        revision,
        clock,
        () => ctx.retryRefresh(spend),
        (error) => failedTry || mayHaveSpent(error),
      );
    } catch (error) {
      if (error instanceof InvalidGrantError) {
        throw row.refreshStartedAt === null && !failedTry ? revoke() : reverify();
      }
      throw error;
    }
    if (!rotated?.stored) throw new Stop('skipped', 'the member verified again meanwhile');
    const { tokens } = rotated;
    revision += 1;
    accessToken = tokens.accessToken;
    refreshToken = tokens.refreshToken;
    refreshed = true;
  };

  try {
    if (!accessToken || !refreshToken) return outcome('failed', 'no tokens stored');
    if (row.tokenExpiresAt === null || row.tokenExpiresAt - clock() < ctx.marginMs) {
      if (!dryRun || (row.tokenExpiresAt ?? 0) <= clock()) await refresh();
    }
    let api: MemberApi = discord.asMember(accessToken);
    // A 401 on a token we had not just refreshed may be an early expiry: one refresh tells.
    const withToken = async <T>(call: (api: MemberApi) => Promise<T>): Promise<T> => {
      try {
        return await ctx.retry(() => call(api));
      } catch (error) {
        if (!(error instanceof UnauthorizedError)) throw error;
        // A dry run refreshes nothing, so it cannot tell an early expiry from a member who left.
        if (dryRun)
          throw new Stop('skipped', 'access token refused; a real run would refresh it (or find the member gone)');
        if (refreshed) throw revoke();
        await refresh();
        api = discord.asMember(accessToken!);
        return await ctx.retry(() => call(api));
      }
    };
    let user = observed;
    if (!user) {
      read = true;
      user = await withToken((member) => member.currentUser());
    }
    if (user.id !== userId) return outcome('failed', 'the stored token belongs to another Discord user');

    const connection = computeConnection(user, historyOf(row), clock(), ctx.settings);
    const changed = !alreadyPushed(row, connection);
    if (dryRun) return outcome(changed ? 'updated' : 'unchanged');
    if (changed) {
      pushed = true;
      await withToken((member) => member.putRoleConnection(roleConnectionBody(connection)));
    }
    const saved = await members.committed(() =>
      members.saveCheck(userId, revision, connection.history, changed ? connection : null, clock()),
    );
    if (!saved) {
      if (!changed) return outcome('skipped', 'the member verified again meanwhile');
      // Our PUT may have landed after the newer writer's: the next run sends the truth again.
      members.markForPush(userId, clock());
      return outcome('skipped', 'the member verified again meanwhile; queued for a fresh PUT');
    }
    return outcome(changed ? 'updated' : 'unchanged');
  } catch (error) {
    // Our own setup is wrong: nothing about this member is known, and the whole job must stop.
    if (error instanceof MisconfiguredError) throw error;
    if (error instanceof Stop) return outcome(error.kind, error.reason);
    if (error instanceof UnauthorizedError) {
      const stop = revoke();
      return outcome(stop.kind, stop.reason);
    }
    if (error instanceof DiscordError) return outcome('failed', error.message);
    return outcome('failed', `unexpected: ${error instanceof Error ? error.message : String(error)}`);
  }
}
