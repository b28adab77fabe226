// `npm run backup -- <file>`: an online copy of the SQLite database (better-sqlite3's backup API),
// safe while the service and the refresh job are writing.
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CommandContext } from './cli.js';
import { runCommand } from './command.js';
import { EXIT, UsageError } from './errors.js';

export async function runBackup(context: CommandContext): Promise<number> {
  return runCommand<{ force?: boolean }>(context, {
    name: 'backup',
    usage: 'Usage: npm run backup -- <file> [--force]',
    options: { force: { type: 'boolean' } },
    positionals: true,
    checkArgs: (_flags, positionals) => {
      if (positionals.length !== 1) throw new UsageError('give exactly one target file');
      const folder = dirname(resolve(positionals[0]!));
      if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) {
        throw new UsageError(`there is no folder ${folder} to write into; create it or choose another place`);
      }
    },
    run: async ({ config, flags, positionals: [target], database, out, err }) => {
      if (existsSync(target!) && !flags.force) {
        err(`${target} already exists; choose another name or add --force to overwrite it.`);
        return EXIT.failed;
      }
      await database().$client.backup(target!);
      out(`Backed up ${config.databasePath} to ${target} (${statSync(target!).size} bytes).`);
      out('Tokens in it stay sealed: keep TOKEN_ENCRYPTION_KEY somewhere else than the backup.');
      return EXIT.ok;
    },
  });
}
