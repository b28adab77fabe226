// Whether anything besides the benchmark used the machine while a level ran: absolute figures on a
// shared machine are only worth quoting when nothing else took CPU, so each level records the load
// average before and after and the CPU time used by processes outside the benchmark.
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { cpuMs } from './processes.js';

/** Other processes may use at most this share of one core during a level before it counts as disturbed. */
export const DISTURBED_CORES = 0.15;
export const DISTURBED_RULE = `a level is marked disturbed when processes outside the benchmark used more than ${DISTURBED_CORES} of a core on average while it ran (machine-wide busy time from /proc/stat minus the CPU time of the benchmark's own processes)`;

export interface LoadSample {
  at: number;
  loadavg: number;
  /** Busy CPU time of the whole machine so far, in ms. */
  busyMs: number;
  /** CPU time of the benchmark's own processes so far, in ms. */
  oursMs: number;
}

export interface LoadResult {
  loadBefore: number;
  loadAfter: number;
  /** Cores used by other processes on average during the level. */
  otherCores: number;
  disturbed: boolean;
}

/** Machine-wide busy CPU time (all but idle and iowait) from /proc/stat, in ms; NaN off Linux. */
function machineBusyMs(): number {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
    return (user + nice + system + irq + softirq + steal) * 10; // USER_HZ = 100
  } catch {
    return NaN;
  }
}

function ownMs(pids: readonly number[]): number {
  const self = process.cpuUsage();
  return pids.reduce((sum, pid) => sum + cpuMs(pid), (self.user + self.system) / 1000);
}

/** `pids`: the benchmark's child processes (this process is always counted as ours). */
export function sampleLoad(pids: readonly number[]): LoadSample {
  return { at: performance.now(), loadavg: loadavg()[0]!, busyMs: machineBusyMs(), oursMs: ownMs(pids) };
}

export function loadBetween(before: LoadSample, pids: readonly number[]): LoadResult {
  const after = sampleLoad(pids);
  const seconds = (after.at - before.at) / 1000;
  const other = Math.max(0, after.busyMs - before.busyMs - (after.oursMs - before.oursMs)) / 1000 / seconds;
  const otherCores = Number.isFinite(other) ? Math.min(other, cpus().length) : NaN;
  return {
    loadBefore: round2(before.loadavg),
    loadAfter: round2(after.loadavg),
    otherCores: round2(otherCores),
    disturbed: otherCores > DISTURBED_CORES,
  };
}

const round2 = (n: number) => Number(n.toFixed(2));
