// The per-member rules set up once, for the refresh run and for live updates alike: one Discord
// client whose answers feed the throttle (429 pauses, the invalid-request budget), and retries with
// backoff, never for a refresh grant whose answer may have been lost.
import type { Config } from '../config.js';
import type { MemberStore } from '../db/members.js';
import { createDiscordClient } from '../discord/client.js';
import type { RateLimitedError } from '../discord/errors.js';
import type { Clock } from '../time/clock.js';
import type { MemberJobContext } from './refresh-member.js';
import { withRetries } from './retry.js';
import type { Throttle } from './throttle.js';

export interface MemberContextInput {
  config: Config;
  clock: Clock;
  members: MemberStore;
  throttle: Throttle;
  dryRun: boolean;
  timeoutMs?: number;
  attempts: number;
  baseDelayMs: number;
  /** Waits that only count time (backoff). */
  sleep: (ms: number) => Promise<void>;
  /** Once aborted, failed calls are not tried again. */
  signal?: AbortSignal | undefined;
}

/** How long the bot's own calls (the member lists) wait out a 429 of their bucket before giving up. */
const BOT_WAIT_MAX_MS = 300_000;

export interface JobContext extends MemberJobContext {
  /** Retries for the bot's calls: a 429 of the bot's bucket is waited out, as it holds no member. */
  retryBot: <T>(fn: () => Promise<T>) => Promise<T>;
}

export function memberJobContext(input: MemberContextInput): JobContext {
  const { config, clock, throttle } = input;
  const discord = createDiscordClient(config, clock, {
    retries: 0, // retried here, with backoff
    ...(input.timeoutMs === undefined ? {} : { timeoutMs: input.timeoutMs }),
    maxRateLimitWaitMs: 60_000,
    onResponse: (info) => throttle.record(info),
  });
  const retryOptions = {
    attempts: input.attempts,
    baseDelayMs: input.baseDelayMs,
    sleep: input.sleep,
    signal: input.signal,
    // One member's own bucket must not hold the others: that member is left for the next run. A
    // global limit holds every call, so the whole job waits (or stops when asked to wait too long).
    onRateLimited: (error: RateLimitedError) => error.global && throttle.pause(error.retryAfterMs),
  };
  return {
    members: input.members,
    discord,
    clock,
    settings: config,
    marginMs: config.refreshTokenMargin,
    dryRun: input.dryRun,
    retry: (fn) => withRetries(fn, retryOptions),
    retryRefresh: (fn) => withRetries(fn, { ...retryOptions, retryAmbiguous: false }),
    retryBot: (fn) =>
      withRetries(fn, {
        ...retryOptions,
        onRateLimited: (error) =>
          error.global ? throttle.pause(error.retryAfterMs) : error.retryAfterMs <= BOT_WAIT_MAX_MS,
      }),
  };
}
