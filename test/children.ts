// Starts project scripts as child processes the way an admin or a service manager would, from the
// compiled output, and makes sure each one ends with its test: cleanup is registered before anything is awaited, the test
// process kills what is left when it exits, and child-guard.mjs ends a child whose test process died.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Test } from 'tap';
import { waitFor } from './wait-for.js';

export interface StartedChild {
  child: ChildProcess;
  output: { out: string; err: string };
  /** Waits for the child to end; its exit code (null when ended by a signal). */
  waitForExit: () => Promise<number | null>;
  /** Waits until stdout matches, and returns the match. */
  waitForOutput: (pattern: RegExp, what: string) => Promise<RegExpExecArray>;
}

export interface ChildOptions {
  env: Record<string, string | undefined>;
  cwd: string;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

const root = new URL('../', import.meta.url);

// Children run the compiled JavaScript that `npm test` builds first (a TypeScript loader would compile
// every module again in every child): this test process's flags minus its TypeScript and mock
// loaders, so coverage is still recorded and mapped back to the sources.
const childFlags = process.execArgv.filter((arg) => !/@tapjs[\\/](typescript|mock)[\\/]/.test(arg));

function compiled(path: string): string {
  const file = fileURLToPath(new URL(`dist/${path.replace(/\.ts$/, '.js')}`, root));
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build (npm test does) first`);
  return file;
}

/** Node arguments that run a project script (a path from the project root) from its compiled output. */
export const scriptArgs = (script: string, ...args: string[]): string[] => [
  ...childFlags,
  `--import=${new URL('child-guard.mjs', import.meta.url).href}`,
  compiled(script),
  ...args,
];

/** Runs `script` (a path from the project root) with `args`; ended at the latest when `t` ends. */
export function startScript(t: Test, script: string, args: string[], options: ChildOptions): StartedChild {
  const child = spawn(process.execPath, scriptArgs(script, ...args), {
    cwd: options.cwd,
    env: { PATH: process.env.PATH, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  running.add(child);
  let closed: { code: number | null } | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.once('close', (code) => {
      running.delete(child);
      closed = { code };
      resolve(code);
    }),
  );
  t.teardown(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  const output = { out: '', err: '' };
  child.stdout!.on('data', (d) => (output.out += d));
  child.stderr!.on('data', (d) => (output.err += d));
  const waitForOutput = async (pattern: RegExp, what: string) => {
    try {
      return await waitFor(() => pattern.exec(output.out), { what });
    } catch (error) {
      const tail = (text: string) => JSON.stringify(text.slice(-800));
      throw new Error(`${(error as Error).message}; stdout: ${tail(output.out)}; stderr: ${tail(output.err)}`, {
        cause: error,
      });
    }
  };
  const waitForExit = async () => (await waitFor(() => closed, { what: `${script} to exit` })).code;
  return { child, output, waitForExit, waitForOutput };
}
