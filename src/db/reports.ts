// The read-only questions reports ask of the database (npm run status, /metrics, /readyz), as
// drizzle queries over the schema's columns, so a renamed column fails the type check.
import { and, count, desc, eq, isNotNull, lt, max } from 'drizzle-orm';
import { pendingMigrations, type Db } from './open.js';
import {
  gatewaySessions,
  LINK_STATUSES,
  members,
  refreshRuns,
  type GatewaySessionRow,
  type LinkStatus,
  type RefreshRunRow,
} from './schema.js';

/** Members by link status, every status present (0 when none). */
export function membersByStatus(db: Db): Record<LinkStatus, number> {
  const rows = db.select({ status: members.linkStatus, n: count() }).from(members).groupBy(members.linkStatus).all();
  return Object.fromEntries(LINK_STATUSES.map((s) => [s, rows.find((r) => r.status === s)?.n ?? 0])) as Record<
    LinkStatus,
    number
  >;
}

export function linkedWearingTag(db: Db): number {
  return db
    .select({ n: count() })
    .from(members)
    .where(and(eq(members.linkStatus, 'linked'), isNotNull(members.wearingSince)))
    .get()!.n;
}

export function linkedNotObservedSince(db: Db, since: number): number {
  return db
    .select({ n: count() })
    .from(members)
    .where(and(eq(members.linkStatus, 'linked'), lt(members.lastObservedAt, since)))
    .get()!.n;
}

export function latestRun(db: Db, finishedOnly = false): RefreshRunRow | undefined {
  return db
    .select()
    .from(refreshRuns)
    .where(finishedOnly ? isNotNull(refreshRuns.finishedAt) : undefined)
    .orderBy(desc(refreshRuns.id))
    .limit(1)
    .get();
}

export function latestRunFinishedAt(db: Db): number | null {
  return (
    db
      .select({ at: max(refreshRuns.finishedAt) })
      .from(refreshRuns)
      .get()?.at ?? null
  );
}

/** Problems that make the service unable to serve members; empty when ready. */
export function readinessProblems(db: Db): string[] {
  try {
    const pending = pendingMigrations(db);
    return pending === 0 ? [] : [`${pending} database migrations not applied`];
  } catch {
    return ['database not reachable'];
  }
}

/** The gateway session as its holder last wrote it; undefined when live updates never ran here. */
export function gatewayStatus(db: Db): GatewaySessionRow | undefined {
  return db.select().from(gatewaySessions).get();
}
