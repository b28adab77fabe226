// What a refresh run counts and reports: stored in refresh_runs, printed by npm run refresh, shown by
// npm run status and /metrics.
import type { LockHolder } from '../db/job-locks.js';

export interface Counts {
  checked: number;
  updated: number;
  unchanged: number;
  refreshed: number;
  revoked: number;
  reverify: number;
  failed: number;
  skipped: number;
  /** Member-list pages read, members read with their own token, role-connection PUTs sent. */
  listPages: number;
  memberReads: number;
  puts: number;
}

/** Every count of a run, as stored in refresh_runs and reported by /metrics. */
export const REFRESH_RESULTS = [
  'checked',
  'updated',
  'unchanged',
  'refreshed',
  'revoked',
  'reverify',
  'failed',
  'skipped',
  'listPages',
  'memberReads',
  'puts',
] as const satisfies readonly (keyof Counts)[];

export interface Progress extends Counts {
  total: number;
  elapsedMs: number;
}

export interface RefreshSummary extends Progress {
  status: 'done' | 'busy' | 'stopped';
  discordCalls: number;
  failures: { userId: string; reason: string }[];
  /** What the admin should know about how members were read (e.g. the intent is off), once each. */
  notices: string[];
  stopReason?: string;
  /** Set when Discord refused our own credentials: what is wrong and what to change. */
  misconfigured?: { message: string; fix: string };
  lockHolder?: LockHolder;
}

export const emptyCounts = (): Counts => ({
  checked: 0,
  updated: 0,
  unchanged: 0,
  refreshed: 0,
  revoked: 0,
  reverify: 0,
  failed: 0,
  skipped: 0,
  listPages: 0,
  memberReads: 0,
  puts: 0,
});
