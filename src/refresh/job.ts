// The refresh run: takes the lock, works through the due members (queue.ts: member lists first,
// then page by page from the database), a bounded number at once, each with its own REST instance
// so one member's bucket never blocks another, and records the run. Used by `npm run refresh`,
// the service's optional timer and the gateway's catch-up sweep.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Clock } from '../time/clock.js';
import type { Config } from '../config.js';
import type { MemberLocks } from '../db/member-locks.js';
import { MemberStore } from '../db/members.js';
import { sealerFor } from '../crypto/token-sealer.js';
import type { Db } from '../db/open.js';
import { refreshRuns } from '../db/schema.js';
import { MisconfiguredError } from '../discord/errors.js';
import { currentHolder, holderName, release, renew, takeOverFromGone, tryAcquire } from '../db/job-locks.js';
import { memberJobContext } from './member-context.js';
import { memberQueue } from './queue.js';
import { refreshMember, type Outcome } from './refresh-member.js';
import { emptyCounts, type Progress, type RefreshSummary } from './summary.js';
import { INVALID_BUDGET, sleep, Throttle } from './throttle.js';

export { REFRESH_RESULTS, type Counts, type Progress, type RefreshSummary } from './summary.js';

export interface Timers {
  now: () => number;
  /** Resolves after `ms`, or as soon as `signal` is aborted. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const realTimers: Timers = { now: Date.now, sleep };

export const LOCK_NAME = 'refresh';

const NOTHING_DONE = { kind: 'skipped', refreshed: false, read: false, pushed: false } as const;

export interface RefreshOptions {
  userId?: string | undefined;
  dryRun?: boolean;
  limit?: number | undefined;
  /** Only members not observed for this long; default: everyone not yet observed during this run. */
  staleAfterMs?: number | undefined;
  /** Wait for a running job to finish instead of giving up at once. */
  wait?: boolean;
  concurrency?: number;
  pageSize?: number;
  /** Members per List Guild Members page (default 1,000, Discord's maximum). */
  listPageSize?: number;
  lockTtlMs?: number;
  maxInvalidRequests?: number;
  retryAttempts?: number;
  retryBaseDelayMs?: number;
  timeoutMs?: number;
  /** Real time, for waits that only count time (the lock, retry backoff, pauses after 429s); tests pass a test clock. */
  timers?: Timers;
  /** Only the members found in the tag servers' member lists (the gateway's catch-up sweep). */
  listsOnly?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
}

export interface RefreshDeps {
  config: Config;
  db: Db;
  clock: Clock;
  /** The service's member locks, so its own verifications and this job never interleave. */
  locks?: MemberLocks;
}

export async function runRefresh(deps: RefreshDeps, options: RefreshOptions = {}): Promise<RefreshSummary> {
  const { config, db, clock } = deps;
  const started = performance.now();
  const dryRun = options.dryRun ?? false;
  const ttl = options.lockTtlMs ?? 60_000;
  const holder = holderName(randomBytes(4).toString('hex'));
  const counts = emptyCounts();
  const notices: string[] = [];
  const failures: RefreshSummary['failures'] = [];
  const timers = options.timers ?? realTimers;
  const { signal } = options;
  // Every wait of the run (pauses, backoff, the lock) ends when the run is interrupted.
  const wait = (ms: number) => (signal?.aborted ? Promise.resolve() : timers.sleep(ms, signal));
  const throttle = new Throttle({
    concurrency: options.concurrency ?? config.refreshConcurrency,
    maxInvalidRequests: options.maxInvalidRequests ?? INVALID_BUDGET.refresh,
    now: timers.now,
    sleep: wait,
    signal,
  });
  const summary = (
    status: RefreshSummary['status'],
    total: number,
    extra: Partial<RefreshSummary> = {},
  ): RefreshSummary => ({
    status,
    ...counts,
    total,
    elapsedMs: performance.now() - started,
    discordCalls: throttle.calls,
    failures,
    notices,
    ...extra,
  });

  // A dry run writes nothing, so it needs no lock.
  if (!dryRun) {
    const acquire = () =>
      tryAcquire(db, LOCK_NAME, holder, clock(), ttl) || takeOverFromGone(db, LOCK_NAME, holder, clock(), ttl);
    while (!acquire()) {
      if (!options.wait || options.signal?.aborted)
        return summary('busy', 0, { lockHolder: currentHolder(db, LOCK_NAME) });
      await wait(1_000);
    }
  }
  const cutoff = Math.min(clock(), options.staleAfterMs === undefined ? Infinity : clock() - options.staleAfterMs);
  const store = new MemberStore(db, sealerFor(config));
  const total = Math.min(store.countToRefresh(cutoff, options.userId), options.limit ?? Infinity);
  // Holding the lock, any run still marked running is one whose process died without closing it.
  if (!dryRun) {
    db.update(refreshRuns).set({ status: 'died', finishedAt: clock() }).where(eq(refreshRuns.status, 'running')).run();
  }
  const runId = dryRun
    ? null
    : db
        .insert(refreshRuns)
        .values({ startedAt: clock(), status: 'running', dryRun })
        .returning({ id: refreshRuns.id })
        .get().id;

  let stopReason: string | undefined;
  let misconfigured: RefreshSummary['misconfigured'];
  const heartbeat = dryRun
    ? undefined
    : setInterval(() => {
        if (!renew(db, LOCK_NAME, holder, clock(), ttl)) stopReason = 'the lock was lost (another run took over)';
      }, ttl / 3);

  const context = memberJobContext({
    config,
    clock,
    members: store,
    throttle,
    dryRun,
    timeoutMs: options.timeoutMs ?? 10_000,
    attempts: options.retryAttempts ?? 3,
    baseDelayMs: options.retryBaseDelayMs ?? 500,
    sleep: wait,
    signal,
  });
  const { discord } = context;

  const queue = memberQueue({
    store,
    cutoff,
    userId: options.userId,
    pageSize: options.pageSize ?? 500,
    lists:
      options.userId !== undefined
        ? 'none'
        : config.botToken
          ? {
              discord,
              members: store,
              guildIds: config.tagGuildIds,
              cutoff,
              retry: context.retryBot,
              clock,
              onPage: () => (counts.listPages += 1),
              notice: (text) => notices.push(text),
              ...(options.listPageSize ? { pageSize: options.listPageSize } : {}),
            }
          : 'no bot token',
    listsOnly: options.listsOnly ?? false,
    notice: (text) => notices.push(text),
  });
  let taken = 0;
  let crash: { error: unknown } | undefined;
  const tally = (outcome: Outcome) => {
    counts.checked += 1;
    counts[outcome.kind] += 1;
    if (outcome.refreshed) counts.refreshed += 1;
    if (outcome.read) counts.memberReads += 1;
    if (outcome.pushed) counts.puts += 1;
    if (outcome.kind === 'failed') failures.push({ userId: outcome.userId, reason: outcome.reason ?? 'unknown' });
    options.onProgress?.({ ...counts, total, elapsedMs: performance.now() - started });
  };
  const worker = async (slot: number) => {
    for (;;) {
      if (!(await throttle.gate(slot))) {
        stopReason ??= throttle.stopReason ?? (signal?.aborted ? 'interrupted' : undefined);
        return;
      }
      if (options.signal?.aborted) stopReason ??= 'interrupted';
      if (throttle.overBudget) {
        stopReason ??= `stopped early: ${throttle.invalidInWindow()} invalid requests (401/403/429) in 10 minutes, close to Discord's limit`;
      }
      if (stopReason || taken >= (options.limit ?? Infinity)) return;
      // Counted before the wait, so workers waiting on the same page never take more than the limit.
      taken += 1;
      try {
        const next = await queue.next();
        if (next.done) return;
        const { member, user, observedAt } = next.value;
        const check = async (): Promise<Outcome> => {
          // Read again under the member's lock: a live update or a verification may have written
          // the member since its page was read, and the list's user object may be older than theirs.
          const now = store.freshness(member.userId);
          const skipped = (reason: string): Outcome => ({ ...NOTHING_DONE, userId: member.userId, reason });
          if (!now) return skipped('no longer linked');
          if (observedAt !== undefined && (now.lastObservedAt ?? -Infinity) >= observedAt) {
            return skipped('observed anew since its member list was read');
          }
          // Opening the tokens again only when the row moved on.
          const current = now.revision === member.revision ? member : store.linked(member.userId);
          return current ? refreshMember(context, current, user) : skipped('no longer linked');
        };
        tally(await (deps.locks ? deps.locks.run(member.userId, check) : check()));
      } catch (error) {
        if (error instanceof MisconfiguredError) {
          misconfigured ??= { message: error.message, fix: error.fix };
          stopReason ??= `Discord refused our own credentials: ${error.message}`;
        } else {
          // Every worker stops and the run is recorded as stopped before the error goes on.
          crash ??= { error };
          stopReason ??= `stopped by an error: ${error instanceof Error ? error.message : String(error)}`;
        }
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: throttle.concurrency }, (_, slot) => worker(slot)));
  } finally {
    clearInterval(heartbeat);
    if (runId !== null) {
      db.update(refreshRuns)
        .set({ ...counts, discordCalls: throttle.calls, finishedAt: clock(), status: stopReason ? 'stopped' : 'done' })
        .where(eq(refreshRuns.id, runId))
        .run();
    }
    if (!dryRun) release(db, LOCK_NAME, holder);
  }
  if (crash) throw crash.error;
  return summary(stopReason ? 'stopped' : 'done', total, {
    ...(stopReason ? { stopReason } : {}),
    ...(misconfigured ? { misconfigured } : {}),
  });
}
