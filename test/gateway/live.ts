// Live updates under test: a LiveUpdates on a harness's database and emulator, with its log lines
// and handled events kept, and stopped when the test ends.
import type { Test } from 'tap';
import { LiveUpdates, type LiveUpdatesOptions } from '../../src/gateway/live-updates.js';
import { harness, type Harness, type HarnessOptions } from '../helpers.js';
import { waitFor } from '../wait-for.js';

export interface LogLine {
  level: 'info' | 'warn' | 'error' | 'debug';
  text: string;
}

export interface Live {
  live: LiveUpdates;
  lines: LogLine[];
  /** Events handled so far, with whether each updated a role connection. */
  events: { t: string; applied: boolean }[];
}

function recorder(lines: LogLine[]): LiveUpdatesOptions['log'] {
  const at =
    (level: LogLine['level']) =>
    (first: unknown, second?: unknown): void => {
      lines.push({ level, text: [JSON.stringify(first), second === undefined ? '' : String(second)].join(' ') });
    };
  return { info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') } as LiveUpdatesOptions['log'];
}

export function startLive(t: Test, h: Harness, options: Partial<LiveUpdatesOptions> = {}): Live {
  const lines: LogLine[] = [];
  const events: Live['events'] = [];
  const live = new LiveUpdates({
    config: h.config,
    db: h.db,
    clock: h.clock,
    locks: h.locks,
    log: recorder(lines),
    identifySpacingMs: 0,
    onEvent: (type, applied) => events.push({ t: type, applied }),
    ...options,
  });
  t.teardown(() => live.stop());
  live.start();
  return { live, lines, events };
}

/** A harness whose emulator answers IDENTIFYs at any pace (the service's own pacing is tested apart). */
export const liveHarness = (t: Test, options: HarnessOptions = {}) =>
  harness(t, { ...options, emulator: { identifyIntervalMs: 0, ...options.emulator } });

export async function waitForState(live: LiveUpdates, state: string, what = `the gateway to be ${state}`) {
  await waitFor(() => live.store.row()?.state === state, { what });
}

/** Connected, with the sweep that follows an identify finished. */
export async function waitConnectedAndSwept(h: Harness, live: LiveUpdates) {
  await waitForState(live, 'connected');
  await waitFor(() => live.store.row()?.lastSweepAt != null, { what: 'the catch-up sweep to finish' });
  h.emulator.calls.length = 0;
}
