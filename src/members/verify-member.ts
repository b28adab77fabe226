// What happens once Discord hands back a code: tokens stored, tag read, role connection written.
import type { APIUser } from 'discord-api-types/v10';
import type { Clock } from '../time/clock.js';
import type { Config } from '../config.js';
import type { MemberLocks } from '../db/member-locks.js';
import type { MemberStore } from '../db/members.js';
import { SCOPES, type DiscordClient, type TokenSet } from '../discord/client.js';
import { mayHaveActed } from '../discord/errors.js';
import type { MemberApi } from '../discord/member-api.js';
import { PageError } from '../views/error-view.js';
import { computeConnection, roleConnectionBody, type ComputedConnection } from '../metadata/connection.js';

export interface VerificationDeps {
  config: Pick<Config, 'tagGuildIds' | 'platformName'>;
  members: MemberStore;
  discord: DiscordClient;
  clock: Clock;
  /** One member's writes one at a time in this process; default: none. */
  locks?: MemberLocks;
  /** Told who the member is as soon as Discord says (their locale picks the page language). */
  onUser?: (user: APIUser) => void;
  /** Told when the record of an accepted PUT could not be stored (the next refresh pushes again). */
  onUnrecordedPush?: (error: unknown) => void;
}

export interface VerificationResult {
  user: APIUser;
  connection: ComputedConnection;
}

export async function verifyMember(deps: VerificationDeps, code: string): Promise<VerificationResult> {
  const { discord, locks } = deps;
  // The link dates from before the code is spent: a deauthorization Discord dates after that
  // (while this verification still runs, say) ends this grant, not an older one.
  const startedAt = deps.clock();
  // Tokens we end up not storing are dropped, not revoked: a revoke ends every pair of the
  // member's authorization, so it would also end the link of a member who had verified before.
  const tokens = await discord.exchangeCode(code);
  const missing = SCOPES.filter((scope) => !tokens.scopes.includes(scope));
  if (missing.length > 0) {
    throw new PageError(
      403,
      'error.missingScope.title',
      { key: 'error.missingScope.text', params: { scopes: missing } },
      'missing-scope',
    );
  }
  // One REST instance for both of the member's calls (their own rate-limit buckets).
  const member = discord.asMember(tokens.accessToken);
  const user = await member.currentUser();
  deps.onUser?.(user);
  const write = () => storeAndPush(deps, member, user, tokens, startedAt);
  const connection = locks ? await locks.run(user.id, write, LOCK_WAIT_MS, busy) : await write();
  return { user, connection };
}

/** How long a verification waits for another write of the same member (a refresh) to finish. */
const LOCK_WAIT_MS = 10_000;
const busy = () => new PageError(503, 'error.busy.title', 'error.busy.text', 'member-busy');

async function storeAndPush(
  deps: VerificationDeps,
  member: MemberApi,
  user: APIUser,
  tokens: TokenSet,
  startedAt: number,
): Promise<ComputedConnection> {
  const { members, clock, config } = deps;
  const now = clock();
  // Tokens and history are on disk before the PUT so that a Discord failure there loses nothing. The
  // history is read in the same transaction (one fewer per verification, and nothing can come
  // between), and alone: the stored tokens are about to be replaced, so they need not be opened (nor
  // open at all: a row sealed with a key since removed is repaired by verifying again).
  const connection = await members.committed(() => {
    const computed = computeConnection(user, members.history(user.id), now, config);
    members.saveVerification(user.id, tokens, computed.history, now, startedAt);
    return computed;
  });
  try {
    await member.putRoleConnection(roleConnectionBody(connection));
  } catch (error) {
    // No answer is not "nothing changed": Discord may have stored the PUT. Queue a fresh one.
    if (mayHaveActed(error)) {
      members.markForPush(user.id, clock());
      throw new PageError(504, 'error.unconfirmed.title', 'error.unconfirmed.text', 'put-unconfirmed');
    }
    throw error;
  }
  // The member is linked whatever happens now: this record only spares the next refresh a PUT.
  await members
    .committedLazily(() => members.savePushed(user.id, connection, clock()))
    .catch((error: unknown) => deps.onUnrecordedPush?.(error));
  return connection;
}
