// Job-wide pacing for the refresh job: counts Discord's answers, pauses everyone after a global or
// repeated 429, narrows concurrency when 429s keep coming, and watches the invalid-request budget
// (Discord bans an IP for a while after 10,000 401/403/429 answers in 10 minutes).
import { setTimeout } from 'node:timers/promises';
import type { ResponseInfo } from '../discord/client.js';

export interface ThrottleOptions {
  concurrency: number;
  /** Stop before this many invalid answers within `windowMs`. */
  maxInvalidRequests: number;
  windowMs?: number;
  /** Real time, not the injected clock: this is about actually waiting. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** The longest pause of everyone the job takes; Discord asking for more stops it instead. */
  maxPauseMs?: number;
  /** Once aborted, workers retire (gate answers false). */
  signal?: AbortSignal | undefined;
}

/**
 * Each part's share of Discord's 10,000 invalid (401/403/429) answers per IP in 10 minutes: the
 * refresh job and the service's live updates may run at once from one address, and the members'
 * own calls need room too.
 */
export const INVALID_BUDGET = { refresh: 4_000, live: 3_000 } as const;

const REPEATED_429 = 3;
const REPEAT_WINDOW_MS = 10_000;
/** Repeated 429s of members' own buckets slow everyone down this long at most: none of them stops a run. */
const REPEAT_PAUSE_MAX_MS = 10_000;
/** A narrowed concurrency doubles again after this long without a 429 (live updates run for days). */
const RECOVER_MS = 10 * 60_000;

/** Resolves after `ms`, or at once when `signal` is aborted (its timer then cleared). */
export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  setTimeout(ms, undefined, signal ? { signal } : {}).catch(() => undefined);

export class Throttle {
  calls = 0;
  concurrency: number;
  private pausedUntil = 0;
  private admitted = 0;
  private readonly admitQueue: (() => void)[] = [];
  /** Set when Discord asked everyone to wait longer than maxPauseMs: the run ends, the next one goes on. */
  stopReason: string | undefined;
  private invalid: number[] = [];
  private recent429: number[] = [];
  private last429At = -Infinity;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: ThrottleOptions) {
    this.concurrency = options.concurrency;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? sleep;
  }

  /** Fed with every answer Discord gives the job. */
  record(info: ResponseInfo): void {
    this.calls += 1;
    const now = this.now();
    const counted = info.status === 401 || info.status === 403 || (info.status === 429 && info.scope !== 'shared');
    if (counted) this.invalid.push(now);
    if (info.status !== 429) {
      if (this.concurrency < this.options.concurrency && now - this.last429At >= RECOVER_MS) {
        this.concurrency = Math.min(this.options.concurrency, this.concurrency * 2);
        this.last429At = now;
      }
      return;
    }
    this.last429At = now;
    this.recent429 = this.recent429.filter((t) => now - t < REPEAT_WINDOW_MS);
    this.recent429.push(now);
    const wait = info.retryAfterMs ?? 1_000;
    if (info.global) this.pause(wait);
    if (this.recent429.length >= REPEATED_429) {
      this.pausedUntil = Math.max(this.pausedUntil, now + Math.min(wait, REPEAT_PAUSE_MAX_MS));
      if (this.concurrency > 1) this.concurrency = Math.max(1, Math.floor(this.concurrency / 2));
      this.recent429 = [];
    }
  }

  /**
   * Pauses every worker for a wait Discord asked of every call (a global limit); false (and
   * stopReason set) when that is longer than the job will take.
   */
  pause(ms: number): boolean {
    if (ms > (this.options.maxPauseMs ?? 300_000)) {
      this.stopReason ??= `stopped early: Discord asked every call to wait ${Math.ceil(ms / 1000)} s; the next run goes on`;
      return false;
    }
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
    return true;
  }

  /** Invalid answers within the window. */
  invalidInWindow(): number {
    const since = this.now() - (this.options.windowMs ?? 600_000);
    while (this.invalid.length > 0 && this.invalid[0]! < since) this.invalid.shift();
    return this.invalid.length;
  }

  get overBudget(): boolean {
    return this.invalidInWindow() >= this.options.maxInvalidRequests;
  }

  /**
   * Runs `fn` once fewer than `concurrency` others admitted are running and any pause of everyone
   * is over: live updates, where no fixed set of workers takes turns. Once `signal` is aborted
   * nothing more runs (undefined), so a stopping service waits only for what had started.
   */
  async admit<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T | undefined> {
    if (this.admitted < this.concurrency) this.admitted += 1;
    else await new Promise<void>((resolve) => this.admitQueue.push(resolve));
    try {
      for (
        let wait = this.pausedUntil - this.now();
        wait > 0 && !signal?.aborted;
        wait = this.pausedUntil - this.now()
      ) {
        await this.sleep(Math.min(wait, 1_000));
      }
      return signal?.aborted ? undefined : await fn();
    } finally {
      // The slot goes to the next in line, unless concurrency was narrowed meanwhile.
      const next = this.admitted <= this.concurrency ? this.admitQueue.shift() : undefined;
      if (next) next();
      else this.admitted -= 1;
    }
  }

  /** Waits out a pause; false when worker `slot` should retire (concurrency narrowed, or the job stopped). */
  async gate(slot: number): Promise<boolean> {
    for (;;) {
      if (slot >= this.concurrency || this.stopReason || this.options.signal?.aborted) return false;
      const wait = this.pausedUntil - this.now();
      if (wait <= 0) return true;
      await this.sleep(Math.min(wait, 1_000));
    }
  }
}
