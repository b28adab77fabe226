// `npm run status`: a short report for an admin: who is linked, who wears the tag, the last refresh
// run, and members the refresh has not reached for more than a day.
import { systemClock, type Clock } from '../time/clock.js';
import { loadConfig } from '../config.js';
import { openDatabase, type Db } from '../db/open.js';
import { latestRun, linkedNotObservedSince, linkedWearingTag, membersByStatus } from '../db/reports.js';
import type { RefreshRunRow } from '../db/schema.js';
import { formatDuration } from '../time/duration.js';
import { DAY_MS } from '../metadata/connection.js';
import { currentHolder } from '../refresh/lock.js';
import { LOCK_NAME } from '../refresh/job.js';
import { parseCommandArgs, type CommandContext } from './cli.js';
import { describeAdminError, EXIT } from './errors.js';

export const STATUS_OPTIONAL = [
  'DISCORD_CLIENT_ID',
  'DISCORD_CLIENT_SECRET',
  'PUBLIC_URL',
  'COOKIE_SECRET',
  'TAG_GUILD_IDS',
  'TOKEN_ENCRYPTION_KEY',
];

export interface StatusReport {
  linked: number;
  wearingTag: number;
  revoked: number;
  /** Members whose tokens we lost ourselves: they must verify again, but never revoked us. */
  needsToVerifyAgain: number;
  notCheckedForADay: number;
  lastRun: (RefreshRunRow & { durationMs: number | null }) | null;
  refreshRunningNow: boolean;
}

export function statusReport(db: Db, now: number): StatusReport {
  const byStatus = membersByStatus(db);
  const last = latestRun(db);
  const holder = currentHolder(db, LOCK_NAME);
  return {
    linked: byStatus.linked,
    wearingTag: linkedWearingTag(db),
    revoked: byStatus.revoked,
    needsToVerifyAgain: byStatus.reverify,
    notCheckedForADay: linkedNotObservedSince(db, now - DAY_MS),
    lastRun: last ? { ...last, durationMs: last.finishedAt === null ? null : last.finishedAt - last.startedAt } : null,
    refreshRunningNow: holder !== undefined && holder.expiresAt > now,
  };
}

function describeRun(run: NonNullable<StatusReport['lastRun']>, runningNow: boolean): string {
  const when = new Date(run.startedAt).toISOString();
  const state =
    run.status === 'running'
      ? runningNow
        ? 'still running'
        : 'interrupted (its process died)'
      : run.status === 'died'
        ? 'its process died'
        : run.status;
  const took = run.durationMs === null ? '' : `, took ${formatDuration(run.durationMs)}`;
  return (
    `Last refresh: ${when} (${state}${took}): checked ${run.checked}, updated ${run.updated}, unchanged ${run.unchanged}, ` +
    `refreshed ${run.refreshed}, revoked ${run.revoked}, to verify again ${run.reverify}, failed ${run.failed}, ${run.discordCalls} Discord calls`
  );
}

export async function runStatus(context: CommandContext, clock: Clock = systemClock): Promise<number> {
  const parsed = parseCommandArgs<{ json?: boolean }>(
    context,
    { json: { type: 'boolean' } },
    'Usage: npm run status -- [--json]',
  );
  if (typeof parsed === 'number') return parsed;
  const { json } = parsed.flags;
  try {
    const config = loadConfig(context.env, { optional: STATUS_OPTIONAL });
    const db = openDatabase(config.databasePath);
    let report: StatusReport;
    try {
      report = statusReport(db, clock());
    } finally {
      db.$client.close();
    }
    if (json) {
      context.out(JSON.stringify(report, null, 2));
      return EXIT.ok;
    }
    context.out(`Linked members: ${report.linked} (wearing the tag now: ${report.wearingTag})`);
    context.out(`Revoked: ${report.revoked}`);
    context.out(`Need to verify again (tokens lost on our side, not revoked): ${report.needsToVerifyAgain}`);
    context.out(report.lastRun ? describeRun(report.lastRun, report.refreshRunningNow) : 'Last refresh: never');
    context.out(`Not checked for more than a day: ${report.notCheckedForADay}`);
    if (report.notCheckedForADay > 0) context.out('  → run `npm run refresh` (or check its cron/timer).');
    return EXIT.ok;
  } catch (error) {
    context.err(describeAdminError(error).message);
    return EXIT.unusable;
  }
}
