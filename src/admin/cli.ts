// What every admin command shares: its inputs and outputs as plain values (so tests can run the real
// command in-process), and the glue that binds them to the process in scripts/.
import { createInterface } from 'node:readline/promises';
import { loadDotEnv, type Env } from '../config.js';

export interface CommandContext {
  argv: string[];
  env: Env;
  /** Standard output: results, and the only place --json writes to. */
  out: (text: string) => void;
  /** Standard error: progress, warnings, errors. */
  err: (text: string) => void;
  /** Whether a person can answer a question (standard input is a terminal). */
  interactive: boolean;
  ask: (question: string) => Promise<string>;
}

export type Command = (context: CommandContext) => Promise<number>;

/** Runs a command as the process: reads .env, wires stdio, exits with the command's code. */
export async function runAsProcess(command: Command): Promise<never> {
  loadDotEnv();
  const context: CommandContext = {
    argv: process.argv.slice(2),
    env: process.env,
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    interactive: process.stdin.isTTY === true,
    ask: async (question) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return await rl.question(question);
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
