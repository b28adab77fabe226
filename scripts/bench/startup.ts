// Section 3: how fast the service comes up and how much memory it holds idle. Each run spawns
// `node --import tsx src/server.ts` (the first run creates and migrates the database and is reported
// apart), polls GET /healthz until it answers 200, then reads VmRSS after a second of idleness.
import { join } from 'node:path';
import { serviceEnv } from './fixture.js';
import { freePort, rssKib, sleep, spawnScript, waitUntilHealthy } from './processes.js';
import { median, round } from './stats.js';

export interface StartupOptions {
  runs: number;
  tmp: string;
  logLevel: string;
  nodeArgs: string[];
}

export interface StartupRun {
  readyMs: number;
  idleRssKib: number | null;
}

export interface StartupResult {
  /** The first start: a fresh database to create and migrate. */
  first: StartupRun;
  runs: StartupRun[];
  medianReadyMs: number;
  maxReadyMs: number;
  medianIdleRssKib: number;
  /** `tsx src/server.ts` as `npm start` runs it: the tsx CLI starts a second Node process. */
  viaTsxCli: { runs: number[]; medianReadyMs: number };
  /** `node dist/src/server.js` (npm run build; npm run serve), the production way. */
  compiled: { medianReadyMs: number; medianIdleRssKib: number };
}

async function startOnce(o: StartupOptions, viaTsxCli: boolean, idleMs: number, compiled = false): Promise<StartupRun> {
  const port = await freePort();
  // Nothing is called at start-up; the address only has to be valid (and is on loopback).
  const env = serviceEnv({
    port,
    emulatorUrl: 'http://127.0.0.1:9',
    databasePath: join(o.tmp, 'startup.sqlite'),
    logLevel: o.logLevel,
  });
  const began = performance.now();
  const child = spawnScript('src/server.ts', [], { env, cwd: o.tmp, nodeArgs: o.nodeArgs, viaTsxCli, compiled });
  try {
    await waitUntilHealthy(child, `http://127.0.0.1:${port}/healthz`, 30_000, 2);
    const readyMs = performance.now() - began;
    if (idleMs > 0) await sleep(idleMs);
    return { readyMs: round(readyMs, 1), idleRssKib: idleMs > 0 ? rssKib(child.pid) : null };
  } finally {
    await child.stop();
  }
}

export async function benchStartup(o: StartupOptions): Promise<StartupResult> {
  const first = await startOnce(o, false, 1_000);
  const runs: StartupRun[] = [];
  for (let i = 0; i < o.runs; i += 1) runs.push(await startOnce(o, false, 1_000));
  const cli: number[] = [];
  for (let i = 0; i < Math.max(1, Math.ceil(o.runs / 2)); i += 1) cli.push((await startOnce(o, true, 0)).readyMs);
  const compiled: StartupRun[] = [];
  for (let i = 0; i < o.runs; i += 1) compiled.push(await startOnce(o, false, 1_000, true));
  const ready = runs.map((r) => r.readyMs);
  return {
    first,
    runs,
    medianReadyMs: round(median(ready), 1),
    maxReadyMs: Math.max(...ready),
    medianIdleRssKib: median(runs.map((r) => r.idleRssKib ?? NaN)),
    viaTsxCli: { runs: cli, medianReadyMs: round(median(cli), 1) },
    compiled: {
      medianReadyMs: round(median(compiled.map((r) => r.readyMs)), 1),
      medianIdleRssKib: median(compiled.map((r) => r.idleRssKib ?? NaN)),
    },
  };
}
