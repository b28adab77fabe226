// `npm run backup -- <file>`: an online copy of the SQLite database (better-sqlite3's backup API),
// safe while the service and the refresh job are writing.
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { CommandContext } from './cli.js';
import { runCommand } from './command.js';
import { EXIT, interruptionOf, UsageError } from './errors.js';

/** The files SQLite keeps for a database, besides the database itself. */
const SIDE_FILES = ['-wal', '-shm', '-journal'];

/** What is at `path`, if anything (nothing, too, under a file taken for a folder). */
function statOf(path: string) {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** Whether `a` and `b` name one file: the same path, or the same file under two names (links). */
function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  const [x, y] = [statOf(a), statOf(b)];
  return x !== undefined && y !== undefined && x.dev === y.dev && x.ino === y.ino;
}

/** What `target` is of the database at `databasePath`, if anything: overwriting it would wreck it. */
function partOfDatabase(target: string, databasePath: string): string | undefined {
  if (databasePath === ':memory:') return undefined;
  if (sameFile(target, databasePath)) return 'the database itself';
  const side = SIDE_FILES.find((suffix) => sameFile(target, `${databasePath}${suffix}`));
  return side === undefined ? undefined : `the database's ${side} file`;
}

export async function runBackup(context: CommandContext): Promise<number> {
  return runCommand<{ force?: boolean }>(context, {
    name: 'backup',
    usage: 'Usage: npm run backup -- <file> [--force]',
    options: { force: { type: 'boolean' } },
    positionals: true,
    checkArgs: (_flags, positionals) => {
      if (positionals.length !== 1) throw new UsageError('give exactly one target file');
      const target = positionals[0]!;
      if (target.trim() === '')
        throw new UsageError('the target file name is empty; give the file to write the copy to');
      const folder = dirname(resolve(target));
      if (!statOf(folder)?.isDirectory()) {
        throw new UsageError(`there is no folder ${folder} to write into; create it or choose another place`);
      }
      if (statOf(target)?.isDirectory()) {
        throw new UsageError(
          `${target} is a folder; give the file to write the copy to, e.g. ${join(target, 'linked-roles.sqlite')}`,
        );
      }
    },
    // The copy stops at its next step and its partial file is removed.
    takesSignal: {},
    run: async ({ config, flags, positionals: [target], database, out, err, signal }) => {
      // Before "exists": --force must never be the advice for overwriting the database.
      const part = partOfDatabase(target!, config.databasePath);
      if (part) {
        throw new UsageError(
          `${target} is ${part} (DATABASE_PATH=${config.databasePath}); write the copy to another file`,
        );
      }
      if (existsSync(target!) && !flags.force) {
        err(`${target} already exists; choose another name or add --force to overwrite it.`);
        return EXIT.failed;
      }
      // Written beside the target and renamed onto it once complete: a copy cut short (an
      // interruption, a full disk) never stands where a backup is expected, nor replaces an older one.
      const partial = join(dirname(resolve(target!)), `.${basename(target!)}.${process.pid}.partial`);
      try {
        await database().$client.backup(partial, {
          progress: () => {
            if (signal.aborted) throw interruptionOf(signal);
            return 100;
          },
        });
        renameSync(partial, target!);
      } catch (error) {
        rmSync(partial, { force: true });
        throw error;
      }
      out(`Backed up ${config.databasePath} to ${target} (${statSync(target!).size} bytes).`);
      out('Tokens in it stay sealed: keep TOKEN_ENCRYPTION_KEY somewhere else than the backup.');
      return EXIT.ok;
    },
  });
}
