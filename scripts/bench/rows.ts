// Turns each section's results into table rows, each figure beside the target (goals, not
// assertions), and adds the notes that say how the figures were taken.
import { cpus } from 'node:os';
import type { LiveResult } from './live.js';
import { REFRESH_NODE_ARGS, type RefreshOptions, type SizeResult } from './refresh.js';
import type { Report } from './report.js';
import type { StartupResult } from './startup.js';
import { mib, ms, num } from './stats.js';
import type { LevelResult } from './verification.js';

export const TARGETS = {
  flowsPerSecondAt64: 1_000,
  cpuPerFlowOverFloorAt64: 1.3,
  overheadP99Ms: 5,
  refreshSeconds100k: 60,
  latencyShare: 0.8,
  refreshPeakRssMiB: 150,
  startupMs: 1_000,
  idleRssMiB: 100,
  liveP99Ms: 1_000,
};

export function verificationRows(report: Report, all: LevelResult[], logLevel: string): void {
  const section = 'verification';
  const levels = all.filter((r) => r.target === 'ours');
  for (const r of levels) {
    const at = `${r.concurrency} concurrent:`;
    const isTarget = r.concurrency === 64;
    report.add(
      section,
      `${at} complete flows per second`,
      `${num(r.flowsPerSecond, 1)}/s`,
      isTarget ? `≥ ${num(TARGETS.flowsPerSecondAt64)}/s` : '',
      isTarget ? r.flowsPerSecond >= TARGETS.flowsPerSecondAt64 : undefined,
    );
    for (const [route, key] of [
      ['GET /linked-role', 'start'],
      ['GET /linked-role/callback', 'callback'],
    ] as const) {
      const inside = r.serviceOverhead?.[key];
      // Judged at one member at a time: at higher concurrency the figure is mostly queueing.
      const judged = r.concurrency === 1;
      report.add(
        section,
        `${at} ${route} our own time p50 / p99, timed by the service`,
        inside ? `${ms(inside.p50)} / ${ms(inside.p99)}` : `— (needs --log-level info)`,
        judged ? `p99 < ${TARGETS.overheadP99Ms} ms` : '',
        inside && judged ? inside.p99 < TARGETS.overheadP99Ms : undefined,
      );
      const o = r.overhead[key];
      report.add(section, `${at} ${route} our overhead p50 / p99, timed by the client`, `${ms(o.p50)} / ${ms(o.p99)}`);
    }
    const l = r.latency.callback;
    report.add(
      section,
      `${at} callback latency p50 / p99 (emulator's part p50)`,
      `${ms(l.p50)} / ${ms(l.p99)} (${ms(r.emulatorMsPerFlow.p50)})`,
    );
    const cpu = r.cpuMsPerFlow;
    const ceiling = (cpus().length * 1000) / (cpu.service + cpu.emulator + cpu.loadGenerator);
    report.add(
      section,
      `${at} CPU per flow: service / emulator / load generator`,
      `${ms(cpu.service)} / ${ms(cpu.emulator)} / ${ms(cpu.loadGenerator)}`,
      `(all ${cpus().length} cores busy: ≤ ${num(ceiling)}/s)`,
    );
    if (r.failed > 0) {
      report.add(section, `${at} failed flows`, `${r.failed} of ${r.flows}`, 'none', false);
      report.note(`Verification at ${r.concurrency} concurrent: first failure: ${r.firstError}`);
    }
  }
  const flows = levels.map((r) => `${num(r.flows)} at ${r.concurrency}`).join(', ');
  report.note(
    `Verification: flows = GET /linked-role, then GET /linked-role/callback with the state cookie and a code (token exchange, /users/@me, role-connection PUT); ${flows}, after a warm-up of discarded flows. The service (compiled, node dist/src/server.js as npm run serve runs it, LOG_LEVEL=${logLevel}, the default per-address rate limit; each member from its own loopback address on its own connection), the emulator (rateLimit: false) and this load generator are three processes on the same machine. Codes come from POST /_emulator/authorize before the timed part.`,
  );
  report.note(
    `Our own time, timed by the service: fastify's responseTime on the route's request log line (from the request's arrival to the answer's end) less the line's discordMs, the time the service waited for Discord's answers (each call timed from handing it to undici to its answer's headers); it is what the target is judged on, at 1 concurrent member, where nothing of ours queues behind a wait. Our overhead, timed by the client = latency seen by the load generator minus the emulator's own time for that flow's calls (call log field "ms", from its first request hook to its answer; every call names its member, so the callback's three calls are summed per flow): it also holds the emulator's event loop before that hook, loopback transfer, the load generator's own work and the kernel's scheduling of three busy processes on the same cores. GET /linked-role calls nothing, so its time is its latency. At high concurrency these latencies include queueing: by Little's law mean time in the system = concurrency / throughput. CPU per flow comes from /proc/<pid>/stat (10 ms ticks) over the timed part; the ceiling beside it is what the machine's cores could do if every process were CPU-bound.`,
  );
}

export function refreshRows(report: Report, sizes: SizeResult[], o: RefreshOptions): void {
  const section = 'refresh job';
  const biggest = Math.max(...sizes.map((s) => s.members));
  const rateTarget = 100_000 / TARGETS.refreshSeconds100k;
  for (const s of sizes) {
    const at = `${num(s.members)}:`;
    const { unchanged, changed, latency } = s.runs;
    report.add(
      section,
      `${at} nothing changed, 0 ms — rate (duration)`,
      `${num(unchanged.membersPerSecond)}/s (${num(unchanged.seconds, 1)} s)`,
      `≥ ${num(rateTarget)}/s (100,000 in < ${TARGETS.refreshSeconds100k} s)`,
      unchanged.membersPerSecond >= rateTarget,
    );
    const emulatorTotal = (r: typeof unchanged) => Object.values(r.emulatorCalls).reduce((a, b) => a + b, 0);
    // The list ends at the first page shorter than 1,000: an empty one when the count is a multiple.
    const pages = Math.floor(s.members / 1000) + 1;
    const calls = (r: typeof unchanged) =>
      `${num(r.discordCalls)} (${num(r.listPages)} list pages, ${num(r.memberReads)} member reads, ${num(r.puts)} PUTs; emulator saw ${num(emulatorTotal(r))})`;
    report.add(
      section,
      `${at} nothing changed — Discord calls`,
      calls(unchanged),
      `${num(pages)} list pages, nothing else`,
      unchanged.discordCalls === pages && unchanged.listPages === pages && emulatorTotal(unchanged) === pages,
    );
    report.add(
      section,
      `${at} ${changed.label} — Discord calls; rate`,
      `${calls(changed)}; ${num(changed.membersPerSecond)}/s`,
      `${num(pages)} pages + ${num(s.changedMembers)} PUTs`,
      changed.discordCalls === pages + s.changedMembers,
    );
    const share = latency.membersPerSecond / s.latencyBoundPerSecond;
    report.add(
      section,
      `${at} ${o.latencyMs} ms per call, sample of ${num(latency.checked)} — rate (of ${o.concurrency}/${o.latencyMs} ms)`,
      `${num(latency.membersPerSecond, 1)}/s (${num(share * 100, 1)}%)`,
      `≥ ${num(TARGETS.latencyShare * 100)}% of ${num(s.latencyBoundPerSecond)}/s`,
      share >= TARGETS.latencyShare,
    );
    const compiled = s.runs.compiled;
    const peak = Math.max(...[unchanged, changed, latency].map((r) => r.peakRssKib ?? NaN));
    const rssTarget = `< ${TARGETS.refreshPeakRssMiB} MB`;
    report.add(
      section,
      `${at} peak RSS, npm run refresh (tsx)`,
      mib(peak),
      rssTarget,
      peak / 1024 < TARGETS.refreshPeakRssMiB,
    );
    report.add(
      section,
      `${at} peak RSS, production: node ${REFRESH_NODE_ARGS.join(' ')} dist/scripts/refresh.js`,
      `${mib(compiled.peakRssKib ?? NaN)} (${num(compiled.membersPerSecond)}/s)`,
      rssTarget,
      (compiled.peakRssKib ?? Infinity) / 1024 < TARGETS.refreshPeakRssMiB,
    );
    const failed = [unchanged, changed, latency, compiled].reduce((n, r) => n + r.failed + r.skipped, 0);
    if (failed > 0) report.add(section, `${at} failed or skipped members`, num(failed), 'none', false);
  }
  report.note(
    `Refresh: scripts/refresh.ts runs as its own process (--concurrency ${o.concurrency}) exactly as cron would; rate = members checked / the job's own elapsed time (process start-up excluded). Members are seeded straight into SQLite through MemberStore/TokenSealer and into the emulator with POST /_emulator/seed (matching live tokens, expiring in 7 days, so none is due for refresh), all members of the tag server, so the job judges them from its member list (1,000 a call; the emulator's member-list rate limit is off here, as all its limits are: Discord does not document that figure). "Changed" = every ${Math.round(1 / o.changedShare)}th member took the tag off in the emulator after the first run. Discord calls come from the job's summary; the emulator's call log cross-checks them.`,
  );
  report.note(
    `The ${o.latencyMs} ms case uses an emulator latency fault on every API call and only the ${num(o.latencySample)} least recently checked members (--limit): at one call per member (the job without member lists) the best possible rate would be concurrency / latency = ${o.concurrency} / ${o.latencyMs} ms, so all ${num(biggest)} members would take about ${num((biggest * o.latencyMs) / o.concurrency / 60_000, 1)} minutes. Peak RSS = process.resourceUsage().maxRSS reported by the job process at exit (a preloaded module), the highest of its three runs under tsx with the flags of npm run refresh (${REFRESH_NODE_ARGS.join(' ')}); the production row is a fourth run over every member; 1 MB = 1,048,576 bytes.`,
  );
}

export function startupRows(report: Report, s: StartupResult): void {
  const section = 'start-up';
  report.add(
    section,
    `spawn to first healthy GET /healthz (median of ${s.runs.length})`,
    ms(s.medianReadyMs),
    `< ${num(TARGETS.startupMs)} ms`,
    s.medianReadyMs < TARGETS.startupMs,
  );
  report.add(
    section,
    `  slowest of ${s.runs.length}; first start (new database)`,
    `${ms(s.maxReadyMs)}; ${ms(s.first.readyMs)}`,
  );
  report.add(section, `  through the tsx CLI, as npm start runs it (median)`, ms(s.viaTsxCli.medianReadyMs));
  report.add(section, `  compiled, node dist/src/server.js (npm run serve, median)`, ms(s.compiled.medianReadyMs));
  report.add(section, 'idle RSS one second after healthy, tsx (median)', mib(s.medianIdleRssKib));
  report.add(
    section,
    'idle RSS, production: node dist/src/server.js (median)',
    mib(s.compiled.medianIdleRssKib),
    `< ${TARGETS.idleRssMiB} MB`,
    s.compiled.medianIdleRssKib / 1024 < TARGETS.idleRssMiB,
  );
  report.note(
    "Start-up: time from spawn() of `node --import tsx src/server.ts` (TypeScript compiled on the fly, as `npm start` does without a build) to the first 200 from GET /healthz, polled every 2 ms on fresh connections; idle RSS = VmRSS from /proc/<pid>/status after one idle second. The tsx CLI row runs `tsx src/server.ts` exactly like `npm start` (its CLI adds a second Node start); the production rows run `node dist/src/server.js` after `npm run build`, as the README's systemd unit does.",
  );
}

export function liveRows(report: Report, r: LiveResult): void {
  const section = 'live tags';
  report.add(
    section,
    `${num(r.changes)} tag changes, one at a time — change to PUT answered, p50 / p99 / max`,
    `${num(r.eventToPutMs.p50, 1)} / ${num(r.eventToPutMs.p99, 1)} / ${num(r.eventToPutMs.max, 1)} ms`,
    `p99 < ${num(TARGETS.liveP99Ms)} ms`,
    r.eventToPutMs.p99 < TARGETS.liveP99Ms,
  );
  report.add(
    section,
    'PUTs per change; reads with the member token',
    `${num(r.putsPerChange, 3)}; ${num(r.memberReads)}`,
    '1; 0',
    r.putsPerChange === 1 && r.memberReads === 0,
  );
  report.note(
    `Live tags: the compiled service (npm run serve) holds the bot's gateway session to the emulator, each in its own process, over ${num(r.members)} seeded members of the tag server. Each change is one PUT /_emulator/users/:id/primary-guild (tag off, later back on), waited for before the next; the time runs from just before that request to the end of the role-connection PUT it caused, as the emulator's call log records it (one machine, one clock).`,
  );
}
