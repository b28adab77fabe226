// Our overhead as the service itself timed it: fastify's responseTime from each "request completed"
// log line, minus the emulator's own time for that member's calls. Unlike the client-side figure it
// leaves out the load generator and how the kernel schedules three busy processes on two cores.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { summarize, type Summary } from './stats.js';

interface LogEntry {
  msg?: string;
  outcome?: string;
  userId?: string;
  responseTime?: number;
  res?: { statusCode?: number };
}

export interface RouteTimes {
  start: Summary;
  callback: Summary;
}

/**
 * `logText` is the service's JSON log over the timed part; a callback is told apart by the member
 * its line says it verified, GET /linked-role by its 302. Null when the log level hides request lines.
 */
export function serviceOverhead(logText: string, emulatorMs: ReadonlyMap<string, number>): RouteTimes | null {
  const start: number[] = [];
  const callback: number[] = [];
  for (const line of logText.split('\n')) {
    if (!line.startsWith('{')) continue;
    const { msg, outcome, userId, responseTime, res } = JSON.parse(line) as LogEntry;
    if (msg !== 'request completed' || typeof responseTime !== 'number') continue;
    if (outcome === 'verified' && userId !== undefined) callback.push(responseTime - (emulatorMs.get(userId) ?? 0));
    else if (res?.statusCode === 302) start.push(responseTime);
  }
  if (start.length === 0 || callback.length === 0) return null;
  return { start: summarize(start), callback: summarize(callback) };
}

/** The log written since byte `from`, once the file has been quiet for a moment (its last lines are in). */
export async function settledLog(file: string, from: number, quietMs = 100, maxMs = 3_000): Promise<string> {
  const deadline = Date.now() + maxMs;
  let size = statSync(file).size;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const now = statSync(file).size;
    if (now === size || Date.now() > deadline) break;
    size = now;
  }
  const end = statSync(file).size;
  const text = Buffer.alloc(Math.max(0, end - from));
  const fd = openSync(file, 'r');
  try {
    readSync(fd, text, 0, text.length, from); // only this part, not the whole log again
  } finally {
    closeSync(fd);
  }
  return text.toString('utf8');
}
