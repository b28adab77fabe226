// `npm run rotate-keys`: re-seals every stored token under TOKEN_ENCRYPTION_KEY, so the keys listed
// in TOKEN_ENCRYPTION_KEYS_OLD can be retired.
import { sealerFor } from '../crypto/token-sealer.js';
import { loadConfig } from '../config.js';
import { MemberStore } from '../db/members.js';
import { openDatabase } from '../db/open.js';
import { parseCommandArgs, type CommandContext } from './cli.js';
import { describeAdminError, EXIT } from './errors.js';

export const ROTATE_OPTIONAL = [
  'DISCORD_CLIENT_ID',
  'DISCORD_CLIENT_SECRET',
  'PUBLIC_URL',
  'COOKIE_SECRET',
  'TAG_GUILD_IDS',
];

const USAGE = `Usage: npm run rotate-keys
  re-seals every stored token under TOKEN_ENCRYPTION_KEY; takes no arguments (the keys come from the
  environment: TOKEN_ENCRYPTION_KEY and TOKEN_ENCRYPTION_KEYS_OLD)`;

export async function runRotateKeys(context: CommandContext): Promise<number> {
  const parsed = parseCommandArgs(context, {}, USAGE);
  if (typeof parsed === 'number') return parsed;
  try {
    const config = loadConfig(context.env, { optional: ROTATE_OPTIONAL });
    const sealer = sealerFor(config);
    const db = openDatabase(config.databasePath);
    try {
      const count = new MemberStore(db, sealer).resealAll();
      context.out(
        `Re-sealed the tokens of ${count} members under key ${sealer.currentKeyId}. ` +
          'Every stored token now opens with TOKEN_ENCRYPTION_KEY alone: TOKEN_ENCRYPTION_KEYS_OLD can be removed.',
      );
      return EXIT.ok;
    } finally {
      db.$client.close();
    }
  } catch (error) {
    const { message } = describeAdminError(error);
    context.err(message);
    return error instanceof Error && error.name === 'ConfigError' ? EXIT.unusable : EXIT.failed;
  }
}
