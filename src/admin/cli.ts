// What every admin command shares: its inputs and outputs as plain values (so tests can run the real
// command in-process), and the glue that binds them to the process in scripts/.
import { createInterface } from 'node:readline/promises';
import { loadDotEnv, type Env } from '../config.js';
import { EXIT, InterruptedError } from './errors.js';

export interface CommandContext {
  argv: string[];
  env: Env;
  /** Standard output: results, and the only place --json writes to. */
  out: (text: string) => void;
  /** Standard error: progress, warnings, errors. */
  err: (text: string) => void;
  /** Whether a person can answer a question (standard input is a terminal). */
  interactive: boolean;
  /** Whether standard error is a terminal (progress bars) rather than a log. */
  tty: boolean;
  /** Rewrites the status line on standard error (no newline; for progress bars). */
  status: (text: string) => void;
  ask: (question: string) => Promise<string>;
  /**
   * Aborted on SIGINT or SIGTERM, with an InterruptedError as its reason. A command that takes it
   * (`takesSignal` in command.ts) finishes what it started and stops; any other is stopped by the
   * wrapper at once. A second signal ends the process at once (runAsProcess).
   */
  signal: AbortSignal;
}

export type Command = (context: CommandContext) => Promise<number>;

/** Runs a command as the process: reads .env, wires stdio, exits with the command's code. */
export async function runAsProcess(command: Command): Promise<never> {
  try {
    loadDotEnv();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(EXIT.unusable);
  }
  // A reader that went away (`| head`) is no failure of the command, which goes on to its end.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  const abort = new AbortController();
  const interrupt = (name: 'SIGINT' | 'SIGTERM') => {
    if (!abort.signal.aborted) {
      abort.abort(new InterruptedError(name));
      return;
    }
    // The admin will not wait for a clean stop. Exiting between two statements leaves no write half
    // done (every database write is synchronous); what a run stopped here leaves behind (a refresh
    // lock, a run not closed) is taken over by the next run, as after a kill.
    process.stderr.write(`Interrupted again (${name}): stopped at once.\n`);
    process.exit(EXIT.unusable);
  };
  for (const name of ['SIGINT', 'SIGTERM'] as const) process.on(name, () => interrupt(name));
  const context: CommandContext = {
    argv: process.argv.slice(2),
    env: process.env,
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    interactive: process.stdin.isTTY === true,
    tty: process.stderr.isTTY === true,
    status: (text) => process.stderr.write(`\r${text}`),
    signal: abort.signal,
    ask: async (question) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      // On a terminal the prompt reads Ctrl-C as a key, not a signal: the same interruption.
      rl.on('SIGINT', () => interrupt('SIGINT'));
      try {
        return await rl.question(question, { signal: abort.signal });
      } catch (error) {
        throw abort.signal.aborted ? abort.signal.reason : error;
      } finally {
        rl.close();
      }
    },
  };
  let code: number;
  try {
    code = await command(context);
  } catch (error) {
    context.err(`Unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
    code = 1;
  }
  // Wait for stdout to drain so piped JSON is never cut short.
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  process.exit(code);
}
