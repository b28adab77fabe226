// `npm run forget -- <user id>`: what a member's Disconnect button does, for an admin acting on a
// member's request: delete their role connection on Discord, revoke our access, delete their row.
import { systemClock, type Clock } from '../time/clock.js';
import { loadConfig } from '../config.js';
import { sealerFor } from '../crypto/token-sealer.js';
import { MemberStore } from '../db/members.js';
import { openDatabase } from '../db/open.js';
import { createDiscordClient } from '../discord/client.js';
import { forgetMember } from '../members/forget-member.js';
import { parseCommandArgs, type CommandContext } from './cli.js';
import { describeAdminError, EXIT } from './errors.js';

const USAGE = `Usage: npm run forget -- <discord user id>
  deletes the member's role connection on Discord, revokes our access and deletes their stored data`;
export const FORGET_OPTIONAL = ['PUBLIC_URL', 'COOKIE_SECRET', 'TAG_GUILD_IDS'];

export async function runForget(context: CommandContext, clock: Clock = systemClock): Promise<number> {
  const parsed = parseCommandArgs(context, {}, USAGE, true);
  if (typeof parsed === 'number') return parsed;
  const [userId, ...rest] = parsed.positionals;
  if (!userId || rest.length > 0 || !/^\d{17,20}$/.test(userId)) {
    context.err(USAGE);
    return EXIT.unusable;
  }
  let config;
  try {
    config = loadConfig(context.env, { optional: FORGET_OPTIONAL });
    const db = openDatabase(config.databasePath);
    try {
      const members = new MemberStore(db, sealerFor(config));
      const result = await forgetMember({ members, discord: createDiscordClient(config, clock), clock }, userId);
      if (!result.found) {
        context.err(`No member ${userId} is stored; nothing to forget.`);
        return EXIT.failed;
      }
      context.out(
        result.revokedOnDiscord
          ? `Forgot ${userId}: role connection deleted on Discord, access revoked, stored data deleted.`
          : `Forgot ${userId}: Discord access was already gone; stored data deleted.`,
      );
      return EXIT.ok;
    } finally {
      db.$client.close();
    }
  } catch (error) {
    const { message, exit } = describeAdminError(error, config ? { config } : {});
    context.err(`${message}${exit === EXIT.failed ? ' Nothing was deleted.' : ''}`);
    return exit;
  }
}
