// The one wrapper every admin command runs in: it answers --help and bad arguments, loads the
// configuration the command needs, opens the database on first use and always closes it, and turns
// any failure into one clear message and the exit code README "Exit codes" lists.
import { existsSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, loadConfig, neededVariables, type CommandName, type Config } from '../config.js';
import { openDatabase, type Db } from '../db/open.js';
import type { CommandContext } from './cli.js';
import { DatabaseUnusableError, describeAdminError, EXIT, type AdminErrorContext } from './errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface CommandInput<Flags> extends CommandContext {
  config: Config;
  flags: Flags;
  positionals: string[];
  /** The database at DATABASE_PATH, opened on first call and closed when the command ends. */
  database: () => Db;
}

export interface CommandSpec<Flags> {
  name: CommandName;
  /** What --help prints before the variables the command needs. */
  usage: string;
  options?: Options;
  positionals?: boolean;
  /** Checks the arguments before anything is opened; throw UsageError for a mistake (exit 2). */
  checkArgs?: (flags: Flags, positionals: string[]) => void;
  /** Names records in Discord's form errors. */
  errorContext?: Omit<AdminErrorContext, 'config'>;
  /** Added to the message when the command fails, e.g. what was left untouched. */
  onFailure?: string;
  /** Told of an invalid configuration after the message is printed (setup's --json checklist). */
  onConfigError?: (error: ConfigError, flags: Flags, context: CommandContext) => void;
  run: (input: CommandInput<Flags>) => Promise<number>;
}

export async function runCommand<Flags>(context: CommandContext, spec: CommandSpec<Flags>): Promise<number> {
  const usage = `${spec.usage}\nNeeds: ${neededVariables(spec.name).join(', ') || 'nothing but DATABASE_PATH'}`;
  let parsed;
  try {
    parsed = parseArgs({
      args: context.argv,
      options: { ...spec.options, help: { type: 'boolean' } },
      allowPositionals: spec.positionals ?? false,
    });
    if ((parsed.values as { help?: boolean }).help) {
      context.out(usage);
      return EXIT.ok;
    }
    spec.checkArgs?.(parsed.values as Flags, parsed.positionals);
  } catch (error) {
    context.err(`${(error as Error).message}\n${usage}`);
    return EXIT.unusable;
  }

  let config: Config | undefined;
  let db: Db | undefined;
  try {
    config = loadConfig(context.env, spec.name);
    const path = config.databasePath;
    const database = () => (db ??= openOrExplain(path));
    return await spec.run({
      ...context,
      config,
      flags: parsed.values as Flags,
      positionals: parsed.positionals,
      database,
    });
  } catch (error) {
    const { message, exit } = describeAdminError(error, { ...spec.errorContext, ...(config ? { config } : {}) });
    context.err(exit === EXIT.failed && spec.onFailure ? `${message} ${spec.onFailure}` : message);
    if (error instanceof ConfigError) spec.onConfigError?.(error, parsed.values as Flags, context);
    return exit;
  } finally {
    db?.$client.close();
  }
}

function openOrExplain(path: string): Db {
  // Only the service creates the database: a command pointed elsewhere (another folder, a typo in
  // DATABASE_PATH) must say so, not work on an empty new one and report success.
  if (path !== ':memory:' && !existsSync(path)) {
    throw new DatabaseUnusableError(
      path,
      new Error(
        'there is no database there. Check DATABASE_PATH and the folder you run in; the service creates it on its first start',
      ),
    );
  }
  try {
    return openDatabase(path);
  } catch (error) {
    throw new DatabaseUnusableError(path, error);
  }
}
