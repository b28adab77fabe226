// `npm run backup -- <file>`: an online copy of the SQLite database (better-sqlite3's backup API),
// safe while the service and the refresh job are writing.
import { existsSync, statSync } from 'node:fs';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/open.js';
import { parseCommandArgs, type CommandContext } from './cli.js';
import { describeAdminError, EXIT } from './errors.js';
import { STATUS_OPTIONAL } from './status.js';

const USAGE = 'Usage: npm run backup -- <file> [--force]';

export async function runBackup(context: CommandContext): Promise<number> {
  const parsed = parseCommandArgs<{ force?: boolean }>(context, { force: { type: 'boolean' } }, USAGE, true);
  if (typeof parsed === 'number') return parsed;
  const [target, ...extra] = parsed.positionals;
  if (!target || extra.length > 0) {
    context.err(`give exactly one target file\n${USAGE}`);
    return EXIT.unusable;
  }
  const { force } = parsed.flags;
  if (existsSync(target) && !force) {
    context.err(`${target} already exists; choose another name or add --force to overwrite it.`);
    return EXIT.failed;
  }
  try {
    const config = loadConfig(context.env, { optional: STATUS_OPTIONAL });
    const db = openDatabase(config.databasePath);
    try {
      await db.$client.backup(target);
    } finally {
      db.$client.close();
    }
    context.out(`Backed up ${config.databasePath} to ${target} (${statSync(target).size} bytes).`);
    context.out('Tokens in it stay sealed: keep TOKEN_ENCRYPTION_KEY somewhere else than the backup.');
    return EXIT.ok;
  } catch (error) {
    context.err(describeAdminError(error).message);
    return EXIT.failed;
  }
}
