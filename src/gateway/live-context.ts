// The refresh job's rules, set up once for live updates (refresh/member-context.ts, with its own
// invalid-request budget), and the catch-up sweep over the member lists.
import { setTimeout as wait } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import type { MemberLocks } from '../db/member-locks.js';
import type { Db } from '../db/open.js';
import type { Clock } from '../time/clock.js';
import type { DiscordClient } from '../discord/client.js';
import { sealerFor } from '../crypto/token-sealer.js';
import { MemberStore } from '../db/members.js';
import { runRefresh } from '../refresh/job.js';
import { memberJobContext } from '../refresh/member-context.js';
import { INVALID_BUDGET, sleep, Throttle } from '../refresh/throttle.js';
import type { MemberEventDeps } from './member-events.js';

export type Log = Pick<FastifyBaseLogger, 'info' | 'warn' | 'error' | 'debug'>;

export interface LiveUpdatesOptions {
  config: Config;
  db: Db;
  clock: Clock;
  locks: MemberLocks;
  log: Log;
  /** Lease of the session lock; renewed (and counters saved) every third of it. Default 30 s. */
  lockTtlMs?: number;
  /** Real ms between IDENTIFYs, across restarts; default Discord's 5 s. */
  identifySpacingMs?: number;
  /** Told of each event handled, with what it became (tests, metrics). */
  onEvent?: (t: string, applied: boolean) => void;
}

export interface LiveContext {
  discord: DiscordClient;
  events: MemberEventDeps;
}

export function memberEventDeps(options: LiveUpdatesOptions, signal: AbortSignal): LiveContext {
  const { config, db, clock, locks, log } = options;
  // As many members at once as the refresh job works on: a burst of events (a server changing its
  // tag) must not become a burst of calls from one address.
  const throttle = new Throttle({
    concurrency: config.refreshConcurrency,
    maxInvalidRequests: INVALID_BUDGET.live,
    // Live updates have no next run to leave work to: they wait as long as Discord asks.
    maxPauseMs: Infinity,
    now: Date.now,
    sleep,
  });
  const members = new MemberStore(db, sealerFor(config));
  const ctx = memberJobContext({
    config,
    clock,
    members,
    throttle,
    dryRun: false,
    attempts: 3,
    baseDelayMs: 500,
    // Ends at once when the service stops, however long Discord asked to wait.
    sleep: (ms) => wait(ms, undefined, { signal }).catch(() => undefined),
  });
  let warned = false;
  const mayCall = () => {
    if (!throttle.overBudget) {
      warned = false;
      return true;
    }
    if (!warned) {
      log.warn(
        'live updates pause: too many invalid Discord answers in 10 minutes; the next sweep or refresh catches up',
      );
    }
    warned = true;
    return false;
  };
  return {
    discord: ctx.discord,
    events: {
      ctx,
      members,
      locks,
      tagGuildIds: config.tagGuildIds,
      mayCall,
      admit: (fn) => throttle.admit(fn, signal),
      debug: (message) => log.debug(message),
    },
  };
}

/**
 * A refresh of the members found in the tag servers' lists, after any refresh run under way (that
 * run may have passed members before the gap); false when stopped before it could run.
 */
export async function sweep(options: LiveUpdatesOptions, signal: AbortSignal): Promise<boolean> {
  const { config, db, clock, locks, log } = options;
  const deps = { config, db, clock, locks };
  let summary = await runRefresh(deps, { listsOnly: true, signal });
  if (summary.status === 'busy') {
    log.info('a refresh run is under way; the catch-up sweep follows it');
    summary = await runRefresh(deps, { listsOnly: true, signal, wait: true });
    if (summary.status === 'busy') return false;
  }
  for (const notice of summary.notices) log.warn(notice);
  log.info({ checked: summary.checked, updated: summary.updated, listPages: summary.listPages }, 'catch-up sweep done');
  return summary.status === 'done';
}
