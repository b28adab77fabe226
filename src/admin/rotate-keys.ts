// `npm run rotate-keys`: re-seals every stored token under TOKEN_ENCRYPTION_KEY, so the keys listed
// in TOKEN_ENCRYPTION_KEYS_OLD can be retired.
import { sealerFor } from '../crypto/token-sealer.js';
import { MemberStore } from '../db/members.js';
import type { CommandContext } from './cli.js';
import { runCommand } from './command.js';
import { EXIT } from './errors.js';

const USAGE = `Usage: npm run rotate-keys
  re-seals every stored token under TOKEN_ENCRYPTION_KEY; takes no arguments (the keys come from the
  environment: TOKEN_ENCRYPTION_KEY and TOKEN_ENCRYPTION_KEYS_OLD)`;

export async function runRotateKeys(context: CommandContext): Promise<number> {
  return runCommand(context, {
    name: 'rotate-keys',
    usage: USAGE,
    run: async ({ config, database, out }) => {
      const sealer = sealerFor(config);
      const count = new MemberStore(database(), sealer).resealAll();
      out(
        `Re-sealed the tokens of ${count} members under key ${sealer.currentKeyId}. ` +
          'Every stored token now opens with TOKEN_ENCRYPTION_KEY alone: TOKEN_ENCRYPTION_KEYS_OLD can be removed.',
      );
      return EXIT.ok;
    },
  });
}
