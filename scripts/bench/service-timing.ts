// Our own time as the service itself timed it: fastify's responseTime from each "request completed"
// log line, minus the time it waited for Discord's answers (the line's discordMs, each call timed
// from sending it to its answer's headers). Unlike the client-side figure it leaves out the load
// generator, and the emulator's event loop and the kernel's scheduling of three busy processes on
// two cores, which the emulator's own timing of its calls does not cover.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { summarize, type Summary } from './stats.js';

interface LogEntry {
  msg?: string;
  outcome?: string;
  responseTime?: number;
  discordMs?: number;
  res?: { statusCode?: number };
}

export interface RouteTimes {
  start: Summary;
  callback: Summary;
}

/**
 * `logText` is the service's JSON log over the timed part; a callback is told apart by its
 * `outcome: "verified"`, GET /linked-role by its 302. Null when the log level hides request lines.
 */
export function serviceOverhead(logText: string): RouteTimes | null {
  const start: number[] = [];
  const callback: number[] = [];
  for (const line of logText.split('\n')) {
    if (!line.startsWith('{')) continue;
    const { msg, outcome, responseTime, discordMs = 0, res } = JSON.parse(line) as LogEntry;
    if (msg !== 'request completed' || typeof responseTime !== 'number') continue;
    if (outcome === 'verified') callback.push(responseTime - discordMs);
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
