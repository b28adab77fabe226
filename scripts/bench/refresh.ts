// Section 2: the refresh job (`scripts/refresh.ts`, run as its own process exactly as cron runs it)
// over seeded members: nothing changed, 10% changed, and with Discord latency injected on a sample.
// The job reports its own counts; the emulator's call log cross-checks the Discord calls; a preloaded
// module reports the job's peak RSS.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serviceEnv } from './fixture.js';
import { HttpClient } from './http.js';
import { firstLine, npmScriptNodeArgs, spawnScript, type Child } from './processes.js';
import { seedMembers, takeTagsOff } from './seed.js';
import { round, summarize, type Summary } from './stats.js';

export interface RefreshOptions {
  sizes: number[];
  latencyMs: number;
  /** Members the latency run works through (a sample: 100,000 × 50 ms / 8 would take ~10 minutes). */
  latencySample: number;
  concurrency: number;
  changedShare: number;
  tmp: string;
  nodeArgs: string[];
}

export interface JobRun {
  label: string;
  latencyMs: number;
  limit: number | null;
  exitCode: number | null;
  total: number;
  checked: number;
  updated: number;
  unchanged: number;
  refreshed: number;
  failed: number;
  skipped: number;
  seconds: number;
  membersPerSecond: number;
  discordCalls: number;
  callsPerMember: number;
  /** Member-list pages, members read with their own token, role-connection PUTs (the job's counts). */
  listPages: number;
  memberReads: number;
  puts: number;
  /** What the emulator saw, by "METHOD route". */
  emulatorCalls: Record<string, number>;
  emulatorMsPerCall: Summary;
  peakRssKib: number | null;
}

export interface SizeResult {
  members: number;
  seed: { dbSeconds: number; emulatorSeconds: number };
  changedMembers: number;
  concurrency: number;
  runs: { unchanged: JobRun; changed: JobRun; latency: JobRun; compiled: JobRun };
  /** concurrency / latency: the best rate possible at one call per member. */
  latencyBoundPerSecond: number;
}

const MAX_RSS = fileURLToPath(new URL('./max-rss.ts', import.meta.url));
/** The memory flags of `npm run refresh`, which the README's systemd timer also gives the compiled job. */
export const REFRESH_NODE_ARGS = npmScriptNodeArgs('refresh');

export async function benchRefresh(o: RefreshOptions): Promise<SizeResult[]> {
  const emulator = spawnScript('scripts/bench/emulator-child.ts', [], { env: {}, cwd: o.tmp, keepStdout: true });
  const children: Child[] = [emulator];
  try {
    const { url } = JSON.parse(await firstLine(emulator)) as { url: string };
    const control = new HttpClient(url, 16);
    const results: SizeResult[] = [];
    try {
      for (const [index, members] of o.sizes.entries()) {
        await control.json('POST', '/_emulator/reset');
        const dbPath = join(o.tmp, `refresh-${members}.sqlite`);
        const seeded = await seedMembers(control, dbPath, members, 80 + index);
        const job = (label: string, latencyMs: number, limit: number | null, compiled = false) =>
          runJob({ o, control, url, dbPath, label, latencyMs, limit, tag: `${members}-${label}`, compiled });
        const unchanged = await job('nothing changed', 0, null);
        const changedMembers = await takeTagsOff(control, seeded.ids, o.changedShare);
        const changed = await job(`${Math.round(o.changedShare * 100)}% changed`, 0, null);
        await control.json('POST', '/_emulator/faults', { kind: 'latency', ms: o.latencyMs, target: 'any' });
        const latency = await job(`nothing changed, ${o.latencyMs} ms per call`, o.latencyMs, o.latencySample);
        await control.json('DELETE', '/_emulator/faults');
        const compiled = await job('nothing changed, compiled', 0, null, true);
        results.push({
          members,
          seed: { dbSeconds: round(seeded.dbSeconds, 2), emulatorSeconds: round(seeded.emulatorSeconds, 2) },
          changedMembers,
          concurrency: o.concurrency,
          runs: { unchanged, changed, latency, compiled },
          latencyBoundPerSecond: o.concurrency / (o.latencyMs / 1000),
        });
      }
    } finally {
      control.close();
    }
    return results;
  } finally {
    await Promise.all(children.map((child) => child.stop()));
  }
}

interface JobInput {
  o: RefreshOptions;
  control: HttpClient;
  url: string;
  dbPath: string;
  label: string;
  latencyMs: number;
  limit: number | null;
  tag: string;
  /** dist/scripts/refresh.js with a small young generation, as the README's systemd timer runs it. */
  compiled: boolean;
}

async function runJob(j: JobInput): Promise<JobRun> {
  const {
    PUBLIC_URL: _u,
    COOKIE_SECRET: _c,
    HOST: _h,
    PORT: _p,
    ...env
  } = serviceEnv({
    port: 0,
    emulatorUrl: j.url,
    databasePath: j.dbPath,
    logLevel: 'warn',
  });
  const rssFile = join(j.o.tmp, `rss-${j.tag.replace(/\W+/g, '-')}.txt`);
  await j.control.json('DELETE', '/_emulator/calls');
  const args = ['--concurrency', String(j.o.concurrency), '--log-every', '10000000'];
  if (j.limit !== null) args.push('--limit', String(j.limit));
  const child = spawnScript('scripts/refresh.ts', args, {
    env: { ...env, BENCH_RSS_FILE: rssFile },
    cwd: j.o.tmp,
    keepStdout: true,
    nodeArgs: [...j.o.nodeArgs, ...REFRESH_NODE_ARGS],
    preload: [MAX_RSS],
    compiled: j.compiled,
  });
  const exitCode = await child.exited;
  const line = child
    .stdout()
    .split('\n')
    .find((l) => l.startsWith('{"event":"summary"'));
  if (!line) throw new Error(`the refresh job gave no summary (exit ${exitCode}): ${child.stderr()}`);
  const s = JSON.parse(line) as Record<string, number>;
  const calls = await j.control.json<{ method: string; route: string; ms: number }[]>('GET', '/_emulator/calls');
  const emulatorCalls: Record<string, number> = {};
  for (const call of calls) {
    const key = `${call.method} ${call.route.replace(/\/applications\/\d+\//, '/applications/:id/')}`;
    emulatorCalls[key] = (emulatorCalls[key] ?? 0) + 1;
  }
  let peakRssKib: number | null = null;
  try {
    peakRssKib = Number(readFileSync(rssFile, 'utf8'));
  } catch {
    // the job died before its exit hook ran
  }
  const checked = s.checked ?? 0;
  const seconds = (s.elapsedMs ?? NaN) / 1000;
  return {
    label: j.label,
    latencyMs: j.latencyMs,
    limit: j.limit,
    exitCode,
    total: s.total ?? 0,
    checked,
    updated: s.updated ?? 0,
    unchanged: s.unchanged ?? 0,
    refreshed: s.refreshed ?? 0,
    failed: s.failed ?? 0,
    skipped: s.skipped ?? 0,
    seconds: round(seconds, 2),
    membersPerSecond: round(checked / seconds, 1),
    discordCalls: s.discordCalls ?? 0,
    callsPerMember: round((s.discordCalls ?? 0) / Math.max(1, checked), 4),
    listPages: s.listPages ?? 0,
    memberReads: s.memberReads ?? 0,
    puts: s.puts ?? 0,
    emulatorCalls,
    emulatorMsPerCall: summarize(calls.map((c) => c.ms)),
    peakRssKib,
  };
}
