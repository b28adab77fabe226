// Paces IDENTIFYs across restarts: Discord allows one per 5 s (max_concurrency 1) and 1,000 a day,
// and past that resets the bot token. @discordjs/ws paces only within one process; this reads the
// last IDENTIFY from the database, so a service restarted in a loop still waits its turn, and stops
// identifying well before the daily limit.
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import type { IIdentifyThrottler } from '@discordjs/ws';
import { DAY_MS } from '../metadata/connection.js';
import type { SessionStore } from './session-store.js';

export const IDENTIFY_SPACING_MS = 5_000;
/** A healthy service identifies a few times a day; this many is a loop to stop long before 1,000. */
export const IDENTIFY_WARNING = 100;
/** No IDENTIFY past this many in a day: the margin is for other processes using the same bot token. */
export const IDENTIFY_LIMIT = 900;

export interface IdentifyThrottleOptions {
  store: SessionStore;
  /** Real time: the spacing is Discord's, not a test clock's. */
  now: () => number;
  spacingMs?: number;
  warn: (message: string) => void;
  /** Called instead of identifying once the day's limit is reached; expected to close the shard. */
  refuse: (reason: string) => void;
}

export class IdentifyThrottle implements IIdentifyThrottler {
  constructor(private readonly options: IdentifyThrottleOptions) {}

  async waitForIdentify(_shardId: number, signal: AbortSignal): Promise<void> {
    const { store, now } = this.options;
    const last = store.lastIdentifyAt();
    const wait = last === null ? 0 : last + (this.options.spacingMs ?? IDENTIFY_SPACING_MS) - now();
    // Rejects with an AbortError when the shard closes meanwhile, as @discordjs/ws expects.
    if (wait > 0) await delay(wait, undefined, { signal });
    const window = store.identifyWindow(now());
    if (window.count >= IDENTIFY_LIMIT) {
      this.options.refuse(
        `the bot has identified with the gateway ${window.count} times in 24 hours and Discord resets the bot token at 1,000, so this service sends no more until ${new Date(window.startsAt + DAY_MS).toISOString()} (restart it after that); something restarted the session in a loop: check the logs`,
      );
      // The shard closes; @discordjs/ws then takes the rejection as "closed while waiting" and sends nothing.
      if (!signal.aborted) await once(signal, 'abort');
      throw signal.reason;
    }
    const count = store.recordIdentify(now());
    if (count === IDENTIFY_WARNING || (count > IDENTIFY_WARNING && count % 100 === 0)) {
      this.options.warn(
        `the bot has identified with the gateway ${count} times in 24 hours; Discord resets the bot token at 1,000 and this service stops identifying at ${IDENTIFY_LIMIT}. Something restarts the session in a loop: check the logs`,
      );
    }
  }
}
