// The one wrapper every admin command runs in: it answers --help and bad arguments, loads the
// configuration the command needs, opens the database on first use and always closes it, and turns
// any failure into one clear message and the exit code README "Exit codes" lists. On SIGINT or
// SIGTERM it stops a command at once (exit 2), unless the command takes the signal itself.
import { existsSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, loadConfig, neededVariables, type CommandName, type Config } from '../config.js';
import { openDatabase, type Db } from '../db/open.js';
import type { CommandContext } from './cli.js';
import {
  DatabaseUnusableError,
  describeAdminError,
  EXIT,
  InterruptedError,
  interruptionOf,
  type AdminErrorContext,
} from './errors.js';

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
  /**
   * Told of bad arguments after the message and the usage are printed, with the flags that could
   * be read all the same (setup's --json checklist).
   */
  onUsageError?: (message: string, flags: Partial<Flags>, context: CommandContext) => void;
  /**
   * The command takes `signal` itself and stops at a safe point of its own; `note`, printed when the
   * signal comes, says what it finishes first. Without it the command is stopped at once on the
   * signal (exit 2), which must leave nothing half done: its awaits hold no transaction, lock or
   * mark in the database, so a command that does (a token rotation, a backup) takes the signal.
   */
  takesSignal?: { note?: string };
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
    const message = (error as Error).message;
    context.err(`${message}\n${usage}`);
    spec.onUsageError?.(message, readableFlags<Flags>(context.argv, spec), context);
    return EXIT.unusable;
  }

  let config: Config | undefined;
  let db: Db | undefined;
  const { signal } = context;
  const { takesSignal } = spec;
  const note = takesSignal?.note;
  const announce = () =>
    context.err(`${interruptionOf(signal).label}: ${note}; a second Ctrl-C or SIGTERM stops at once.`);
  if (note) signal.addEventListener('abort', announce, { once: true });
  try {
    config = loadConfig(context.env, spec.name);
    if (signal.aborted && !takesSignal) throw interruptionOf(signal);
    const path = config.databasePath;
    const database = () => (db ??= openOrExplain(path));
    const running = spec.run({
      ...context,
      config,
      flags: parsed.values as Flags,
      positionals: parsed.positionals,
      database,
    });
    return await (takesSignal ? running : untilInterrupted(running, signal));
  } catch (error) {
    const { message, exit } = describeAdminError(error, { ...spec.errorContext, ...(config ? { config } : {}) });
    const stoppedEarly = exit === EXIT.failed || error instanceof InterruptedError;
    context.err(stoppedEarly && spec.onFailure ? `${message} ${spec.onFailure}` : message);
    if (error instanceof ConfigError) spec.onConfigError?.(error, parsed.values as Flags, context);
    return exit;
  } finally {
    signal.removeEventListener('abort', announce);
    // A command stopped at once may still await Discord: its next database call fails, unheard.
    db?.$client.close();
  }
}

/**
 * The command's result, or its interruption as soon as the signal comes. The command is left to
 * its awaits (the process exits); their later outcome, whatever it is, is ignored.
 */
function untilInterrupted<T>(running: Promise<T>, signal: AbortSignal): Promise<T> {
  let stop = () => {};
  const interrupted = new Promise<never>((_resolve, reject) => {
    stop = () => reject(interruptionOf(signal));
    signal.addEventListener('abort', stop, { once: true });
    if (signal.aborted) stop();
  });
  return Promise.race([running, interrupted]).finally(() => signal.removeEventListener('abort', stop));
}

/** The flags of arguments parseArgs refused, as far as they can be read (--json, to answer in JSON). */
function readableFlags<Flags>(argv: string[], spec: CommandSpec<Flags>): Partial<Flags> {
  try {
    const { values } = parseArgs({ args: argv, options: spec.options ?? {}, allowPositionals: true, strict: false });
    return values as Partial<Flags>;
  } catch {
    return {};
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
