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
}

export interface VerificationResult {
  user: APIUser;
  connection: ComputedConnection;
}

export async function verifyMember(deps: VerificationDeps, code: string): Promise<VerificationResult> {
  const { members, discord, clock, config } = deps;
  const tokens = await discord.exchangeCode(code);
  const missing = SCOPES.filter((scope) => !tokens.scopes.includes(scope));
  if (missing.length > 0) {
    throw new PageError(
      403,
      'Permission missing',
      `Discord did not grant ${missing.join(' and ')}. Please start again and allow it.`,
      'missing-scope',
    );
  }
  const member = discord.asMember(tokens.accessToken);
  const user = await member.currentUser();
  const now = clock();
  const connection = computeConnection(user, historyOf(members.get(user.id)), now, config);
  // Tokens and history are stored before the PUT so that a Discord failure there loses nothing.
  members.saveVerification(user.id, tokens, connection.history, now);
  await member.putRoleConnection(roleConnectionBody(connection));
  members.savePushed(user.id, connection, clock());
  return { user, connection };
}
