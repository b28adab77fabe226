// Child processes of the benchmark (emulator, service, refresh job): each runs on its own event loop
// under the tsx loader, from an empty working folder with a minimal environment so no developer .env
// or DISCORD_* variable leaks into a measurement. Also: free loopback ports and RSS from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = import.meta.resolve('tsx');
/** `tsx` as `npm start` runs it (its CLI starts a second Node process). */
export const TSX_CLI = fileURLToPath(import.meta.resolve('tsx/cli'));

/** The Node flags an npm script gives before its entry point, so the bench runs what admins run. */
export function npmScriptNodeArgs(name: string): string[] {
  const pkg = JSON.parse(readFileSync(new URL('package.json', `file://${ROOT}`), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const [command, ...words] = (pkg.scripts?.[name] ?? '').split(/\s+/);
  const flags: string[] = [];
  if (command !== 'node') return flags;
  for (let i = 0; i < words.length && words[i]!.startsWith('--'); i += 1) {
    // --import names the tsx loader, which spawnScript adds itself.
    if (words[i] === '--import') i += 1;
    else flags.push(words[i]!);
  }
  return flags;
}

export interface Child {
  proc: ChildProcess;
  pid: number;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  stdout: () => string;
  stderr: () => string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop: (graceMs?: number) => Promise<void>;
}

const running = new Set<Child>();

/** Kills whatever is still running (on Ctrl+C or a failed section). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((child) => child.stop(2_000)));
}

export interface SpawnOptions {
  env: Record<string, string>;
  cwd: string;
  /** Extra Node flags (e.g. --cpu-prof); the tsx loader is always added. */
  nodeArgs?: string[];
  /** Modules preloaded after the tsx loader (so they may be TypeScript), e.g. max-rss.ts. */
  preload?: string[];
  /** Keep standard output (the emulator's URL, the job's summary); otherwise it is discarded. */
  keepStdout?: boolean;
  /** Write standard output straight to this file instead (a pipe read by a busy parent could slow the child). */
  stdoutFile?: string;
  /** Run through the tsx CLI instead of `node --import tsx`. */
  viaTsxCli?: boolean;
  /** Run the compiled copy in dist/ (npm run build) with plain node, as in production. */
  compiled?: boolean;
}

/** The compiled twin of a project TypeScript file (an absolute path or one relative to the root). */
export function compiledPath(file: string): string {
  const relative = file.startsWith(ROOT) ? file.slice(ROOT.length) : file;
  return fileURLToPath(new URL(`dist/${relative.replace(/^\/+/, '').replace(/\.ts$/, '.js')}`, `file://${ROOT}`));
}

export function spawnScript(script: string, args: string[], options: SpawnOptions): Child {
  const path = fileURLToPath(new URL(script, `file://${ROOT}`));
  const argv = options.compiled
    ? [
        ...(options.nodeArgs ?? []),
        ...(options.preload ?? []).flatMap((module) => ['--import', compiledPath(module)]),
        compiledPath(script),
        ...args,
      ]
    : options.viaTsxCli
      ? [TSX_CLI, path, ...args]
      : [
          ...(options.nodeArgs ?? []),
          '--import',
          TSX,
          ...(options.preload ?? []).flatMap((module) => ['--import', module]),
          path,
          ...args,
        ];
  return spawnNode(argv, options);
}

/** Runs a built JavaScript file as it is, e.g. another checkout's dist/src/server.js. */
export function spawnBuilt(file: string, args: string[], options: SpawnOptions): Child {
  return spawnNode([...(options.nodeArgs ?? []), file, ...args], options);
}

function spawnNode(argv: string[], options: SpawnOptions): Child {
  const env: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG']) if (process.env[name]) env[name] = process.env[name]!;
  const stdoutFd = options.stdoutFile === undefined ? undefined : openSync(options.stdoutFile, 'w');
  const proc = spawn(process.execPath, argv, {
    cwd: options.cwd,
    env: { ...env, ...options.env },
    stdio: ['ignore', stdoutFd ?? (options.keepStdout ? 'pipe' : 'ignore'), 'pipe'],
  });
  if (stdoutFd !== undefined) closeSync(stdoutFd); // the child holds its own copy
  let out = '';
  let err = '';
  proc.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  proc.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err = (err + chunk).slice(-20_000)));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const child: Child = {
    proc,
    pid: proc.pid ?? -1,
    exited,
    stdout: () => out,
    stderr: () => err,
    stop: async (graceMs = 5_000) => {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
      running.delete(child);
    },
  };
  running.add(child);
  void exited.then(() => running.delete(child));
  return child;
}

/** Resolves with the first line the child writes to standard output. */
export async function firstLine(child: Child, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (!child.stdout().includes('\n')) {
    if (child.proc.exitCode !== null || Date.now() > deadline) {
      throw new Error(`child ${child.pid} printed nothing (exit ${child.proc.exitCode}): ${child.stderr()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return child.stdout().split('\n')[0]!;
}

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** One GET on a fresh connection; the status, or 0 when nothing answered. */
export function probe(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
    });
    req.once('error', () => resolve(0));
    req.end();
  });
}

/** Polls `url` every `everyMs` until it answers 200; throws if the child dies or time runs out. */
export async function waitUntilHealthy(child: Child, url: string, timeoutMs = 30_000, everyMs = 5): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await probe(url)) !== 200) {
    if (child.proc.exitCode !== null) throw new Error(`the service exited (${child.proc.exitCode}): ${child.stderr()}`);
    if (Date.now() > deadline) throw new Error(`no healthy answer from ${url} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Resident memory of a live process in KiB (VmRSS), or null once it is gone. */
export function rssKib(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system) a live process has used, in ms, from /proc/<pid>/stat (USER_HZ = 100). */
export function cpuMs(pid: number): number {
  const { user, system } = cpuSplitMs(pid);
  return user + system;
}

/** The same, user and system time apart. */
export function cpuSplitMs(pid: number): { user: number; system: number } {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 };
  } catch {
    return { user: NaN, system: NaN };
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
