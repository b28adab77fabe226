// `npm run forget -- <user id>`: what a member's Disconnect button does, for an admin acting on a
// member's request: delete their role connection on Discord, revoke our access, delete their row.
import { systemClock, type Clock } from '../time/clock.js';
import { sealerFor } from '../crypto/token-sealer.js';
import { MemberStore } from '../db/members.js';
import { createDiscordClient } from '../discord/client.js';
import { forgetMember } from '../members/forget-member.js';
import type { CommandContext } from './cli.js';
import { runCommand } from './command.js';
import { EXIT, UsageError } from './errors.js';

const USAGE = `Usage: npm run forget -- <discord user id>
  deletes the member's role connection on Discord, revokes our access and deletes their stored data`;

export async function runForget(context: CommandContext, clock: Clock = systemClock): Promise<number> {
  return runCommand(context, {
    name: 'forget',
    usage: USAGE,
    positionals: true,
    checkArgs: (_flags, positionals) => {
      if (positionals.length !== 1) throw new UsageError('give exactly one Discord user id');
      if (!/^\d{17,20}$/.test(positionals[0]!)) {
        throw new UsageError(`"${positionals[0]}" is not a Discord user id (17 to 20 digits)`);
      }
    },
    // The role-connection route carries DISCORD_CLIENT_ID.
    errorContext: { clientIdRoute: true },
    onFailure: 'The stored data was kept: run the command again to finish.',
    // Forgetting may rotate the member's tokens, marked in the row while Discord answers: stopped
    // there, the new pair would be lost. The few calls it makes are bounded by the client's timeouts.
    takesSignal: { note: 'finishing with this member first, so no token Discord issues is lost' },
    run: async ({ config, positionals: [userId], database, out, err }) => {
      const members = new MemberStore(database(), sealerFor(config));
      const result = await forgetMember({ members, discord: createDiscordClient(config, clock), clock }, userId!);
      if (!result.found) {
        err(`No member ${userId} is stored; nothing to forget.`);
        return EXIT.failed;
      }
      out(
        result.revokedOnDiscord
          ? `Forgot ${userId}: role connection deleted on Discord, access revoked, stored data deleted.`
          : `Forgot ${userId}: Discord access was already gone; stored data deleted.`,
      );
      return EXIT.ok;
    },
  });
}
