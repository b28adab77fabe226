// The paired section: our build, the floor and (with --before) another checkout's build all run at
// once against one emulator, each with its own members at the same concurrency, so every one meets
// the same disturbances. Two identical builds come out within a few percent of each other this way,
// against ±20% between levels run one after the other: this is how a change is judged.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { verificationEnv } from './fixture.js';
import { completeFlow, seedMembers } from './flow.js';
import { HttpClient, memberAgent, pool } from './http.js';
import { cpuSplitMs, firstLine, freePort, spawnBuilt, spawnScript, waitUntilHealthy, type Child } from './processes.js';

export type PairedName = 'ours' | 'before' | 'floor';

export interface PairedOptions {
  /** A checkout of another revision, built (`npm ci && npm run build` there); null: ours and the floor only. */
  before: string | null;
  concurrency: number;
  flows: number;
  rounds: number;
  warmupFlows: number;
  logLevel: string;
  tmp: string;
}

export interface PairedService {
  name: PairedName;
  /** CPU time per completed flow over the round, from /proc/<pid>/stat. */
  userMsPerFlow: number;
  systemMsPerFlow: number;
  failed: number;
  firstError?: string;
}

export interface PairedRound {
  round: number;
  seconds: number;
  services: PairedService[];
}

interface Running {
  name: PairedName;
  child: Child;
  app: HttpClient;
  redirectUri: string;
}

/** The built server of another checkout, or an error naming what is missing. */
export function beforeServer(dir: string): string {
  const file = join(dir, 'dist', 'src', 'server.js');
  if (!existsSync(file)) throw new Error(`--before: ${file} not found (run npm ci && npm run build in ${dir})`);
  return file;
}

export async function benchPaired(o: PairedOptions): Promise<PairedRound[]> {
  const names: PairedName[] = o.before === null ? ['ours', 'floor'] : ['ours', 'before', 'floor'];
  const ports = await Promise.all(names.map(() => freePort()));
  const redirects = ports.map((port) => `http://127.0.0.1:${port}/linked-role/callback`);
  const emulator = spawnScript('scripts/bench/emulator-child.ts', [], {
    env: { BENCH_REDIRECT_URIS: redirects.join(',') },
    cwd: o.tmp,
    keepStdout: true,
  });
  const children: Child[] = [emulator];
  const clients: HttpClient[] = [];
  try {
    const { url } = JSON.parse(await firstLine(emulator)) as { url: string };
    const control = new HttpClient(url, 16);
    clients.push(control);
    const running: Running[] = [];
    for (const [i, name] of names.entries()) {
      const port = ports[i]!;
      const env = verificationEnv({
        port,
        emulatorUrl: url,
        databasePath: join(o.tmp, `paired-${name}.sqlite`),
        logLevel: o.logLevel,
      });
      const spawnOptions = { env, cwd: o.tmp };
      const child =
        name === 'before'
          ? spawnBuilt(beforeServer(o.before!), [], spawnOptions)
          : spawnScript(name === 'ours' ? 'src/server.ts' : 'scripts/bench/floor-service.ts', [], {
              ...spawnOptions,
              compiled: true,
            });
      children.push(child);
      await waitUntilHealthy(child, `http://127.0.0.1:${port}/healthz`);
      const app = new HttpClient(`http://127.0.0.1:${port}`, o.concurrency + 16);
      clients.push(app);
      running.push({ name, child, app, redirectUri: redirects[i]! });
    }
    let idBase = 700;
    const seedAll = (count: number) =>
      Promise.all(running.map((r) => seedMembers(control, (idBase += 1), count, r.redirectUri)));
    const warm = await seedAll(o.warmupFlows);
    await Promise.all(running.map((r, i) => drive(r, i, warm[i]!.codes, 16))); // JIT and caches, not reported
    const rounds: PairedRound[] = [];
    for (let round = 1; round <= o.rounds; round += 1) {
      const members = await seedAll(o.flows);
      await control.json('DELETE', '/_emulator/calls');
      const before = running.map((r) => cpuSplitMs(r.child.pid));
      const began = performance.now();
      const outcomes = await Promise.all(running.map((r, i) => drive(r, i, members[i]!.codes, o.concurrency)));
      const seconds = (performance.now() - began) / 1000;
      const services = running.map((r, i): PairedService => {
        const after = cpuSplitMs(r.child.pid);
        const done = Math.max(1, o.flows - outcomes[i]!.failed);
        return {
          name: r.name,
          userMsPerFlow: (after.user - before[i]!.user) / done,
          systemMsPerFlow: (after.system - before[i]!.system) / done,
          ...outcomes[i]!,
        };
      });
      rounds.push({ round, seconds, services });
    }
    return rounds;
  } finally {
    for (const client of clients) client.close();
    await Promise.all(children.map((child) => child.stop()));
  }
}

/**
 * Every code's flow against the service in `slot`, `concurrency` at a time; counts what failed.
 * Each service's members come from addresses of their own, as different people would.
 */
async function drive(r: Running, slot: number, codes: string[], concurrency: number) {
  let failed = 0;
  let firstError: string | undefined;
  await pool(codes.length, concurrency, async (i) => {
    const agent = memberAgent(slot * 100_000 + i);
    try {
      const outcome = await completeFlow(r.app, agent, codes[i]!).catch((error: Error) => ({ error: error.message }));
      if ('error' in outcome) {
        failed += 1;
        firstError ??= outcome.error;
      }
    } finally {
      agent.destroy();
    }
  });
  return { failed, ...(firstError === undefined ? {} : { firstError }) };
}
