// Section 1: complete verifications (GET /linked-role, then the callback with its state cookie and a
// code) against the real service process and the emulator process, at several concurrencies, each
// level run against our service and then against the floor (floor-service.ts) on the same emulator,
// so the two can be compared as a ratio. Our overhead per flow is the latency we measured minus the
// time the emulator itself spent on that member's calls (its call log times each call; every call
// names its member).
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { verificationEnv } from './fixture.js';
import { completeFlow, seedMembers } from './flow.js';
import { HttpClient, memberAgent, pool } from './http.js';
import { loadBetween, sampleLoad, type LoadResult } from './machine-load.js';
import { cpuMs, firstLine, freePort, rssKib, spawnScript, waitUntilHealthy, type Child } from './processes.js';
import { serviceOverhead, settledLog, type RouteTimes } from './service-timing.js';
import { round, summarize, type Summary } from './stats.js';

export interface VerificationOptions {
  concurrencies: number[];
  /** Flows measured at a concurrency, in each round. */
  flows: (concurrency: number) => number;
  /** Pairs of levels (ours, then the floor) at each concurrency, so both meet the same disturbances. */
  rounds: number;
  warmupFlows: number;
  logLevel: string;
  tmp: string;
  nodeArgs: string[];
}

export type Target = 'ours' | 'floor';

export interface LevelResult {
  target: Target;
  concurrency: number;
  round: number;
  flows: number;
  failed: number;
  firstError?: string;
  seconds: number;
  flowsPerSecond: number;
  /** Client-side latency of each route. */
  latency: { start: Summary; callback: Summary };
  /** Latency minus the emulator's own time for that flow's calls. */
  overhead: { start: Summary; callback: Summary };
  /** Our own time, timed inside the service (its request log, less its waits on Discord); null when LOG_LEVEL hides request lines. */
  serviceOverhead: RouteTimes | null;
  emulatorMsPerFlow: Summary;
  emulatorCallsPerFlow: number;
  /** CPU time each process spent per completed flow during the timed part (from /proc and process.cpuUsage). */
  cpuMsPerFlow: { service: number; emulator: number; loadGenerator: number };
  serviceRssKib: number | null;
  load: LoadResult;
}

interface Setup {
  target: Target;
  app: HttpClient;
  control: HttpClient;
  redirectUri: string;
  service: Child;
  emulator: Child;
  /** Every benchmark process, for telling our CPU from others'. */
  pids: () => number[];
  /** Null for the floor, which logs nothing. */
  serviceLog: string | null;
}

const SCRIPTS: Record<Target, string> = { ours: 'src/server.ts', floor: 'scripts/bench/floor-service.ts' };

export async function benchVerification(o: VerificationOptions): Promise<LevelResult[]> {
  const ports = { ours: await freePort(), floor: await freePort() };
  const redirect = (target: Target) => `http://127.0.0.1:${ports[target]}/linked-role/callback`;
  const emulator = spawnScript('scripts/bench/emulator-child.ts', [], {
    env: { BENCH_REDIRECT_URIS: `${redirect('ours')},${redirect('floor')}` },
    cwd: o.tmp,
    keepStdout: true,
  });
  const children: Child[] = [emulator];
  const clients: HttpClient[] = [];
  const pids = () => children.map((child) => child.pid);
  try {
    const { url } = JSON.parse(await firstLine(emulator)) as { url: string };
    const control = new HttpClient(url, 16);
    clients.push(control);
    const setups: Setup[] = [];
    for (const target of ['ours', 'floor'] as const) {
      const port = ports[target];
      const env = verificationEnv({
        port,
        emulatorUrl: url,
        databasePath: join(o.tmp, `verify-${target}.sqlite`),
        logLevel: o.logLevel,
      });
      // Our request log gives the service's own timings. Both run compiled, as `npm run serve` does.
      const serviceLog = join(o.tmp, `${target}.log`);
      const service = spawnScript(SCRIPTS[target], [], {
        env,
        cwd: o.tmp,
        nodeArgs: target === 'ours' ? o.nodeArgs : [],
        stdoutFile: serviceLog,
        compiled: true,
      });
      children.push(service);
      await waitUntilHealthy(service, `http://127.0.0.1:${port}/healthz`);
      const app = new HttpClient(`http://127.0.0.1:${port}`, Math.max(...o.concurrencies, 16));
      clients.push(app);
      const log = target === 'ours' ? serviceLog : null;
      setups.push({ target, app, control, redirectUri: redirect(target), service, emulator, pids, serviceLog: log });
    }
    for (const setup of setups) await runLevel(setup, 16, o.warmupFlows, 90); // warm-up (JIT, caches), not reported
    const results: LevelResult[] = [];
    let idBase = 100;
    for (const concurrency of o.concurrencies) {
      for (let round = 1; round <= o.rounds; round += 1) {
        idBase += 1;
        for (const setup of setups) {
          results.push({ ...(await runLevel(setup, concurrency, o.flows(concurrency), idBase)), round });
        }
      }
    }
    return results;
  } finally {
    for (const client of clients) client.close();
    await Promise.all(children.map((child) => child.stop()));
  }
}

async function runLevel(
  s: Setup,
  concurrency: number,
  flows: number,
  idBase: number,
): Promise<Omit<LevelResult, 'round'>> {
  // The floor's members are others than ours, so neither run finds the other's grants.
  const { ids, codes } = await seedMembers(s.control, idBase + (s.target === 'floor' ? 400 : 0), flows, s.redirectUri);
  await s.control.json('DELETE', '/_emulator/calls');

  const startMs: number[] = new Array<number>(flows).fill(NaN);
  const callbackMs: number[] = new Array<number>(flows).fill(NaN);
  let failed = 0;
  let firstError: string | undefined;
  const fail = (what: string) => {
    failed += 1;
    firstError ??= what;
  };
  const logStart = s.serviceLog === null ? 0 : statSync(s.serviceLog).size;
  const load = sampleLoad(s.pids());
  const cpuBefore = [cpuMs(s.service.pid), cpuMs(s.emulator.pid), process.cpuUsage()] as const;
  const began = performance.now();
  const flow = async (i: number) => {
    const agent = memberAgent(i);
    try {
      const outcome = await completeFlow(s.app, agent, codes[i]!);
      if ('error' in outcome) return fail(outcome.error);
      startMs[i] = outcome.startMs;
      callbackMs[i] = outcome.callbackMs;
    } finally {
      agent.destroy();
    }
  };
  await pool(flows, concurrency, (i) => flow(i).catch((error: Error) => fail(`flow ${i}: ${error.message}`)));
  const seconds = (performance.now() - began) / 1000;
  const own = process.cpuUsage(cpuBefore[2]);
  const cpu = [
    cpuMs(s.service.pid) - cpuBefore[0],
    cpuMs(s.emulator.pid) - cpuBefore[1],
    (own.user + own.system) / 1000,
  ];
  const loadResult = loadBetween(load, s.pids());

  const calls = await s.control.json<{ userId?: string; ms: number }[]>('GET', '/_emulator/calls');
  const emulatorMs = new Map<string, number>();
  for (const call of calls) {
    if (call.userId !== undefined) emulatorMs.set(call.userId, (emulatorMs.get(call.userId) ?? 0) + call.ms);
  }
  const serviceLog = s.serviceLog === null ? '' : await settledLog(s.serviceLog, logStart);
  const done = ids.map((_, i) => i).filter((i) => Number.isFinite(callbackMs[i]!));
  const ok = flows - failed;
  return {
    target: s.target,
    concurrency,
    flows,
    failed,
    ...(firstError === undefined ? {} : { firstError }),
    seconds: round(seconds),
    flowsPerSecond: round(ok / seconds, 1),
    latency: { start: summarize(done.map((i) => startMs[i]!)), callback: summarize(done.map((i) => callbackMs[i]!)) },
    overhead: {
      start: summarize(done.map((i) => startMs[i]!)),
      callback: summarize(done.map((i) => callbackMs[i]! - (emulatorMs.get(ids[i]!) ?? 0))),
    },
    serviceOverhead: serviceOverhead(serviceLog),
    emulatorMsPerFlow: summarize(done.map((i) => emulatorMs.get(ids[i]!) ?? 0)),
    emulatorCallsPerFlow: round(calls.length / Math.max(1, ok), 2),
    cpuMsPerFlow: {
      service: round(cpu[0]! / Math.max(1, ok)),
      emulator: round(cpu[1]! / Math.max(1, ok)),
      loadGenerator: round(cpu[2]! / Math.max(1, ok)),
    },
    serviceRssKib: rssKib(s.service.pid),
    load: loadResult,
  };
}
