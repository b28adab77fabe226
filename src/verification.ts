// What happens once Discord hands back a code: tokens stored, tag read, role connection written.
import type { APIUser } from 'discord-api-types/v10';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import { historyOf, type MemberStore } from './db/members.js';
import { SCOPES, type DiscordClient } from './discord/client.js';
import { PageError } from './errors.js';
import { computeConnection, roleConnectionBody, type ComputedConnection } from './metadata.js';

export interface VerificationDeps {
  config: Pick<Config, 'tagGuildIds' | 'platformName'>;
  members: MemberStore;
  discord: DiscordClient;
  clock: Clock;
  /** Where a failed clean-up is reported; default: nowhere. */
  log?: { warn: (details: object, message: string) => void };
}

export interface VerificationResult {
  user: APIUser;
  connection: ComputedConnection;
}

export async function verifyMember(deps: VerificationDeps, code: string): Promise<VerificationResult> {
  const { members, discord, clock, config } = deps;
  const tokens = await discord.exchangeCode(code);
  let user: APIUser;
  let connection: ComputedConnection;
  try {
    const missing = SCOPES.filter((scope) => !tokens.scopes.includes(scope));
    if (missing.length > 0) {
      throw new PageError(
        403,
        'Permission missing',
        `Discord did not grant ${missing.join(' and ')}. Please start again and allow it.`,
        'missing-scope',
      );
    }
    user = await discord.asMember(tokens.accessToken).currentUser();
    const now = clock();
    connection = computeConnection(user, historyOf(members.get(user.id)), now, config);
    // Tokens and history are stored before the PUT so that a Discord failure there loses nothing.
    members.saveVerification(user.id, tokens, connection.history, now);
  } catch (error) {
    // Tokens we will not keep must not stay alive at Discord as a grant nobody holds.
    await discord
      .revoke(tokens.refreshToken, 'refresh_token')
      .catch((revokeError: unknown) =>
        deps.log?.warn({ err: revokeError }, 'could not revoke the tokens of a failed verification'),
      );
    throw error;
  }
  await discord.asMember(tokens.accessToken).putRoleConnection(roleConnectionBody(connection));
  members.savePushed(user.id, connection, clock());
  return { user, connection };
}
