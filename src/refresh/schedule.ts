// Runs the refresh job inside the long-running service every REFRESH_INTERVAL, for deployments
// without cron. The database lock keeps it from overlapping a cron run or another instance.
import type { FastifyBaseLogger } from 'fastify';
import { runRefresh, type RefreshDeps, type RefreshSummary } from './job.js';

export interface RefreshSchedule {
  /** Stops the timer and waits for a run in progress to finish its members in flight. */
  stop: () => Promise<void>;
}

/** Calls `run` once after `ms`; returns what cancels it. Tests pass one they fire themselves. */
export type StartTimer = (run: () => void, ms: number) => () => void;

const realTimer: StartTimer = (run, ms) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

export function startRefreshSchedule(
  deps: RefreshDeps,
  intervalMs: number,
  log: FastifyBaseLogger,
  onDone?: (summary: RefreshSummary) => void,
  startTimer: StartTimer = realTimer,
): RefreshSchedule {
  const abort = new AbortController();
  let running: Promise<void> | null = null;
  let cancel: () => void;

  const tick = () => {
    running = runRefresh(deps, { signal: abort.signal })
      .then((summary) => {
        const { failures, lockHolder: _holder, ...counts } = summary;
        if (summary.status === 'busy') log.info('refresh skipped: another run holds the lock');
        else if (summary.misconfigured) {
          log.error({ fix: summary.misconfigured.fix }, `refresh stopped: ${summary.misconfigured.message}`);
        } else log.info({ refresh: counts, failedUsers: failures.map((f) => f.userId) }, 'refresh finished');
        onDone?.(summary);
      })
      .catch((error: unknown) => log.error({ err: error }, 'refresh failed'))
      .finally(() => {
        running = null;
        if (!abort.signal.aborted) cancel = startTimer(tick, intervalMs);
      });
  };
  cancel = startTimer(tick, intervalMs);

  return {
    stop: async () => {
      abort.abort();
      cancel();
      await running;
    },
  };
}
