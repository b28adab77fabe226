// The figures that hold on any machine: ours ÷ floor for CPU per flow and for flows per second, each
// level's pair run back to back against the same emulator, with the floor's own rate as the
// machine's speed and the load that says whether anything else took the machine meanwhile.
import { DISTURBED_RULE } from './machine-load.js';
import type { Report } from './report.js';
import { TARGETS } from './rows.js';
import { ms, num } from './stats.js';
import type { LevelResult } from './verification.js';

export interface FloorRatio {
  concurrency: number;
  round: number;
  cpuPerFlow: number;
  flowsPerSecond: number;
  floorFlowsPerSecond: number;
  disturbed: boolean;
}

/** One ratio per round and concurrency: ours ÷ the floor run right after it. */
export function floorRatios(levels: readonly LevelResult[]): FloorRatio[] {
  const ratios: FloorRatio[] = [];
  for (const ours of levels.filter((r) => r.target === 'ours')) {
    const floor = levels.find(
      (r) => r.target === 'floor' && r.concurrency === ours.concurrency && r.round === ours.round,
    );
    if (!floor) continue;
    ratios.push({
      concurrency: ours.concurrency,
      round: ours.round,
      cpuPerFlow: Number((ours.cpuMsPerFlow.service / floor.cpuMsPerFlow.service).toFixed(2)),
      flowsPerSecond: Number((ours.flowsPerSecond / floor.flowsPerSecond).toFixed(2)),
      floorFlowsPerSecond: floor.flowsPerSecond,
      disturbed: ours.load.disturbed || floor.load.disturbed,
    });
  }
  return ratios;
}

/**
 * The round that speaks for a concurrency: of the undisturbed rounds (all, if every one was
 * disturbed), the one with the median CPU ratio.
 */
export function medianRound(ratios: readonly FloorRatio[], concurrency: number): FloorRatio | undefined {
  const at = ratios.filter((r) => r.concurrency === concurrency);
  const calm = at.filter((r) => !r.disturbed);
  const pool = (calm.length > 0 ? calm : at).slice().sort((a, b) => a.cpuPerFlow - b.cpuPerFlow);
  return pool[Math.floor((pool.length - 1) / 2)];
}

export function floorRows(report: Report, levels: readonly LevelResult[]): void {
  const section = 'ours ÷ floor';
  const ratios = floorRatios(levels);
  for (const concurrency of [...new Set(ratios.map((r) => r.concurrency))]) {
    const ratio = medianRound(ratios, concurrency)!;
    const at = `${ratio.concurrency} concurrent:`;
    const rounds = ratios.filter((r) => r.concurrency === concurrency);
    const calm = rounds.filter((r) => !r.disturbed).length;
    const mark = ratio.disturbed ? ' (every round disturbed)' : ` (median of ${calm} undisturbed of ${rounds.length})`;
    const isTarget = ratio.concurrency === 64;
    report.add(
      section,
      `${at} service CPU per flow, ours ÷ floor${mark}`,
      `${num(ratio.cpuPerFlow, 2)}×`,
      isTarget ? `≤ ${num(TARGETS.cpuPerFlowOverFloorAt64, 1)}×` : '',
      isTarget ? ratio.cpuPerFlow <= TARGETS.cpuPerFlowOverFloorAt64 : undefined,
    );
    report.add(section, `${at} flows per second, ours ÷ floor, same round`, `${num(ratio.flowsPerSecond, 2)}×`);
    report.add(
      section,
      `${at} the floor's flows per second, same round (this machine's speed)`,
      `${num(ratio.floorFlowsPerSecond, 1)}/s`,
    );
    report.add(
      section,
      `${at} CPU ratio of each round`,
      rounds.map((r) => `${num(r.cpuPerFlow, 2)}×${r.disturbed ? '*' : ''}`).join(' '),
      '(* disturbed)',
    );
  }
  for (const r of levels) {
    const who = r.target === 'ours' ? 'ours ' : 'floor';
    const disturbed = r.load.disturbed ? ', DISTURBED' : '';
    report.add(
      section,
      `${r.concurrency} concurrent, round ${r.round}, ${who}: flows/s; CPU per flow; load before → after; others' cores`,
      `${num(r.flowsPerSecond, 1)}/s; ${ms(r.cpuMsPerFlow.service)}; ${num(r.load.loadBefore, 2)} → ${num(r.load.loadAfter, 2)}; ${num(r.load.otherCores, 2)}${disturbed}`,
    );
  }
  report.note(
    `Floor: scripts/bench/floor-service.ts, a bare node:http service doing only the flow's essential work (HMAC-signed state cookie; token exchange, /users/@me and role-connection PUT through undici's request() over one shared keep-alive Agent; AES-256-GCM sealing of both tokens; one SQLite upsert with synchronous = FULL, WAL), compiled and run against the same emulator right after our level, with the same load generator and concurrency; each concurrency runs several such rounds and the ratio quoted is that of the median undisturbed round. Ratios between the two hold across machines; absolute figures only of this one. Disturbed: ${DISTURBED_RULE}; a ratio is marked when either of its two levels was.`,
  );
}
