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
  cpuPerFlow: number;
  flowsPerSecond: number;
  floorFlowsPerSecond: number;
  disturbed: boolean;
}

/** One ratio per concurrency that has both an ours and a floor level. */
export function floorRatios(levels: readonly LevelResult[]): FloorRatio[] {
  const ratios: FloorRatio[] = [];
  for (const ours of levels.filter((r) => r.target === 'ours')) {
    const floor = levels.find((r) => r.target === 'floor' && r.concurrency === ours.concurrency);
    if (!floor) continue;
    ratios.push({
      concurrency: ours.concurrency,
      cpuPerFlow: Number((ours.cpuMsPerFlow.service / floor.cpuMsPerFlow.service).toFixed(2)),
      flowsPerSecond: Number((ours.flowsPerSecond / floor.flowsPerSecond).toFixed(2)),
      floorFlowsPerSecond: floor.flowsPerSecond,
      disturbed: ours.load.disturbed || floor.load.disturbed,
    });
  }
  return ratios;
}

export function floorRows(report: Report, levels: readonly LevelResult[]): void {
  const section = 'ours ÷ floor';
  for (const ratio of floorRatios(levels)) {
    const at = `${ratio.concurrency} concurrent:`;
    const mark = ratio.disturbed ? ' (disturbed)' : '';
    const isTarget = ratio.concurrency === 64;
    report.add(
      section,
      `${at} service CPU per flow, ours ÷ floor${mark}`,
      `${num(ratio.cpuPerFlow, 2)}×`,
      isTarget ? `≤ ${num(TARGETS.cpuPerFlowOverFloorAt64, 1)}×` : '',
      isTarget ? ratio.cpuPerFlow <= TARGETS.cpuPerFlowOverFloorAt64 : undefined,
    );
    report.add(section, `${at} flows per second, ours ÷ floor${mark}`, `${num(ratio.flowsPerSecond, 2)}×`);
  }
  for (const r of levels) {
    const who = r.target === 'ours' ? 'ours ' : 'floor';
    const disturbed = r.load.disturbed ? ', DISTURBED' : '';
    report.add(
      section,
      `${r.concurrency} concurrent, ${who}: flows/s; service CPU per flow; load before → after; others' cores`,
      `${num(r.flowsPerSecond, 1)}/s; ${ms(r.cpuMsPerFlow.service)}; ${num(r.load.loadBefore, 2)} → ${num(r.load.loadAfter, 2)}; ${num(r.load.otherCores, 2)}${disturbed}`,
      r.target === 'floor' ? "(the floor's rate: this machine's speed)" : '',
    );
  }
  report.note(
    `Floor: scripts/bench/floor-service.ts, a bare node:http service doing only the flow's essential work (HMAC-signed state cookie; token exchange, /users/@me and role-connection PUT through undici's request() over one shared keep-alive Agent; AES-256-GCM sealing of both tokens; one SQLite upsert with synchronous = FULL, WAL), compiled and run against the same emulator right after our level, with the same load generator and concurrency. Ratios between the two hold across machines; absolute figures only of this one. Disturbed: ${DISTURBED_RULE}; a ratio is marked when either of its two levels was.`,
  );
}
