// `npm run status`: a short report for an admin: who is linked, who wears the tag, the last refresh
// run, and members the refresh has not reached for more than a day.
import { systemClock, type Clock } from '../time/clock.js';
import type { Db } from '../db/open.js';
import { gatewayStatus, latestRun, linkedNotObservedSince, linkedWearingTag, membersByStatus } from '../db/reports.js';
import type { GatewayState, RefreshRunRow } from '../db/schema.js';
import { GATEWAY_LOCK } from '../gateway/session-store.js';
import { formatDuration } from '../time/duration.js';
import { DAY_MS } from '../metadata/connection.js';
import { currentHolder, holderIsGone } from '../db/job-locks.js';
import { LOCK_NAME } from '../refresh/job.js';
import type { CommandContext } from './cli.js';
import { runCommand } from './command.js';
import { EXIT } from './errors.js';

export interface StatusReport {
  linked: number;
  wearingTag: number;
  revoked: number;
  /** Members whose tokens we lost ourselves: they must verify again, but never revoked us. */
  needsToVerifyAgain: number;
  notCheckedForADay: number;
  lastRun: (RefreshRunRow & { durationMs: number | null }) | null;
  refreshRunningNow: boolean;
  /** The bot's gateway session; null when live updates never ran on this database. */
  gateway: {
    /** As its holder last wrote it; 'not held' when no running service holds the session now. */
    state: GatewayState | 'not held';
    reason: string | null;
    eventsReceived: number;
    liveUpdates: number;
    lastSweepAt: number | null;
  } | null;
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
    // A lease of a process on this machine that no longer exists (killed) is over, whatever it says.
    refreshRunningNow: holder !== undefined && holder.expiresAt > now && !holderIsGone(holder.holder),
    gateway: gatewayReport(db, now),
  };
}

function gatewayReport(db: Db, now: number): StatusReport['gateway'] {
  const row = gatewayStatus(db);
  if (!row) return null;
  const holder = currentHolder(db, GATEWAY_LOCK);
  const held = holder !== undefined && holder.expiresAt > now;
  return {
    state: row.state !== 'off' && !held ? 'not held' : row.state,
    reason: row.reason,
    eventsReceived: row.eventsReceived,
    liveUpdates: row.liveUpdates,
    lastSweepAt: row.lastSweepAt,
  };
}

function describeGateway(gateway: StatusReport['gateway']): string {
  if (!gateway) return 'Live updates: never ran here (LIVE_UPDATES=off or no DISCORD_BOT_TOKEN for the service)';
  const state =
    gateway.state === 'not held'
      ? 'no running service holds the gateway session'
      : `${gateway.state}${gateway.reason ? ` (${gateway.reason})` : ''}`;
  const sweep = gateway.lastSweepAt === null ? 'never' : new Date(gateway.lastSweepAt).toISOString();
  return `Live updates: ${state}; ${gateway.eventsReceived} member events received, ${gateway.liveUpdates} role connections updated live; last sweep ${sweep}`;
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
    `refreshed ${run.refreshed}, revoked ${run.revoked}, to verify again ${run.reverify}, failed ${run.failed}, ${run.discordCalls} Discord calls (${run.listPages} member-list pages, ${run.memberReads} members read one by one, ${run.puts} PUTs)`
  );
}

export async function runStatus(context: CommandContext, clock: Clock = systemClock): Promise<number> {
  return runCommand<{ json?: boolean }>(context, {
    name: 'status',
    usage: 'Usage: npm run status -- [--json]',
    options: { json: { type: 'boolean' } },
    run: async ({ flags, database, out }) => {
      const report = statusReport(database(), clock());
      if (flags.json) {
        out(JSON.stringify(report, null, 2));
        return EXIT.ok;
      }
      out(`Linked members: ${report.linked} (wearing the tag now: ${report.wearingTag})`);
      out(`Revoked: ${report.revoked}`);
      out(`Need to verify again (tokens lost on our side, not revoked): ${report.needsToVerifyAgain}`);
      out(report.lastRun ? describeRun(report.lastRun, report.refreshRunningNow) : 'Last refresh: never');
      out(describeGateway(report.gateway));
      out(`Not checked for more than a day: ${report.notCheckedForADay}`);
      if (report.notCheckedForADay > 0) out('  → run `npm run refresh` (or check its cron/timer).');
      return EXIT.ok;
    },
  });
}
