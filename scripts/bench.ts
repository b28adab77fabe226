// `npm run bench`: measures verification throughput and overhead, the refresh job and start-up
// and live tags against the Discord emulator on loopback, prints each figure beside its target and writes the
// figures as JSON, so every change can be judged by numbers. Verification runs beside a minimal floor
// service (bench/floor-service.ts), so its CPU and rate come out as ratios that hold on any machine.
// It only reports: nothing here fails on a slow figure. Flags: `npm run bench -- --help`.
import { mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { loadavg, tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { parseOptions } from './bench/options.js';
import { ROOT, stopAll } from './bench/processes.js';
import { benchRefresh, type SizeResult } from './bench/refresh.js';
import { machine, Report, writeJson } from './bench/report.js';
import { floorRatios, floorRows, medianRound } from './bench/floor-rows.js';
import { benchLive, type LiveResult } from './bench/live.js';
import { liveRows, refreshRows, startupRows, TARGETS, verificationRows } from './bench/rows.js';
import { benchStartup, type StartupResult } from './bench/startup.js';
import { benchVerification, type LevelResult } from './bench/verification.js';
import { beforeServer, benchPaired, type PairedOptions, type PairedRound } from './bench/paired.js';
import { pairedRows } from './bench/paired-rows.js';

/** Our levels of the round that speaks for each concurrency (see medianRound). */
function representative(levels: LevelResult[]): LevelResult[] {
  const ratios = floorRatios(levels);
  return levels.filter((r) => r.target === 'ours' && medianRound(ratios, r.concurrency)?.round === r.round);
}

const options = parseOptions(process.argv.slice(2));
if ('message' in options) {
  (options.error ? console.error : console.log)(options.message);
  process.exit(options.error ? 2 : 0);
}

if (options.before !== null) {
  try {
    beforeServer(resolve(options.before)); // a missing build is told before anything runs
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
}

const began = performance.now();
const loadBefore = loadavg()[0]!;
const tmp = mkdtempSync(join(tmpdir(), 'linked-roles-bench-'));
const out = resolve(ROOT, options.out);
const nodeArgs = options.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(resolve(out, '..'), 'profiles')}`] : [];
const cleanup = async () => {
  await stopAll();
  rmSync(tmp, { recursive: true, force: true });
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanup().then(() => process.exit(130)));
}
const step = (text: string) =>
  process.stderr.write(`[bench ${((performance.now() - began) / 1000).toFixed(0)}s] ${text}\n`);

const report = new Report();
const results: {
  startup?: StartupResult;
  verification?: LevelResult[];
  refresh?: SizeResult[];
  live?: LiveResult;
  paired?: PairedRound[];
} = {};
const pairedOptions: PairedOptions = {
  before: options.before === null ? null : resolve(options.before),
  concurrency: options.pairedConcurrency,
  flows: options.pairedFlows,
  rounds: options.rounds,
  warmupFlows: options.warmupFlows,
  logLevel: options.logLevel,
  tmp,
};
const refreshOptions = {
  sizes: options.members,
  latencyMs: options.latencyMs,
  latencySample: options.latencySample,
  concurrency: options.refreshConcurrency,
  changedShare: 0.1,
  tmp,
  nodeArgs,
};
try {
  {
    // The production rows and both services of the verification run the compiled copy.
    step('npm run build (compiled copy for the production rows)');
    const build = spawnSync(
      process.execPath,
      [fileURLToPath(import.meta.resolve('typescript/bin/tsc')), '-p', 'tsconfig.json'],
      {
        cwd: fileURLToPath(new URL('..', import.meta.url)),
        stdio: 'inherit',
      },
    );
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  if (options.sections.includes('startup')) {
    step(`start-up: ${options.startupRuns + 1} starts, then through the tsx CLI`);
    results.startup = await benchStartup({ runs: options.startupRuns, tmp, logLevel: options.logLevel, nodeArgs });
  }
  if (options.sections.includes('verification')) {
    step(`verification at ${options.concurrencies.join(', ')} concurrent members`);
    results.verification = await benchVerification({
      concurrencies: options.concurrencies,
      flows: options.flows,
      rounds: options.rounds,
      warmupFlows: options.warmupFlows,
      logLevel: options.logLevel,
      tmp,
      nodeArgs,
    });
  }
  if (options.sections.includes('live')) {
    step(`live tags: ${options.liveChanges} tag changes, each timed from the change to its PUT`);
    results.live = await benchLive({
      members: Math.min(options.liveChanges, 1_000),
      changes: options.liveChanges,
      logLevel: options.logLevel,
      tmp,
      nodeArgs,
    });
  }
  if (options.sections.includes('paired')) {
    step(`paired: ours, ${pairedOptions.before === null ? '' : 'the --before build, '}the floor at once`);
    results.paired = await benchPaired(pairedOptions);
  }
  if (options.sections.includes('refresh')) {
    step(`refresh job over ${options.members.join(', ')} seeded members`);
    results.refresh = await benchRefresh(refreshOptions);
  }
} catch (error) {
  console.error(`The benchmark could not finish: ${error instanceof Error ? error.message : String(error)}`);
  await cleanup();
  process.exit(1);
}
await cleanup();

if (results.verification) {
  floorRows(report, results.verification);
  verificationRows(report, representative(results.verification), options.logLevel);
}
if (results.refresh) refreshRows(report, results.refresh, refreshOptions);
if (results.startup) startupRows(report, results.startup);
if (results.live) liveRows(report, results.live);
if (results.paired) pairedRows(report, results.paired, pairedOptions);
const seconds = (performance.now() - began) / 1000;
const env = machine();
report.note(
  `Machine: ${env.cpus} × ${env.cpuModel}, ${env.memoryMiB} MiB, Node ${env.node}; the whole run took ${seconds.toFixed(0)} s${options.quick ? ' (--quick: small sizes, figures are indicative only)' : ''}. Load average (1 min) ${loadBefore.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after: well above 0 before means other work shared the machine and the figures are low.`,
);
console.log(report.render());

const data = {
  date: new Date().toISOString(),
  machine: env,
  options: { ...options, flows: options.concurrencies.map((c) => ({ concurrency: c, flows: options.flows(c) })) },
  targets: TARGETS,
  seconds: Number(seconds.toFixed(1)),
  rows: report.rows,
  notes: report.notes,
  results,
};
writeJson(out, data);
writeJson(join(resolve(out, '..'), `${data.date.replaceAll(':', '-')}.json`), data);
console.log(`\nFigures written to ${out}`);
