// Reads and writes of member rows, so routes and jobs never build SQL themselves. Writers that may race
// (the refresh job against a member's own verification) pass the revision they read.
import { and, asc, eq, gt, lt, or, sql } from 'drizzle-orm';
import type { TagHistory } from '../metadata.js';
import type { Db } from './open.js';
import { members, type MemberRow } from './schema.js';

export interface StoredTokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
  scopes: string[];
}

export interface PushedConnection {
  platformName: string;
  platformUsername: string;
  metadata: Record<string, string>;
}

const bump = { revision: sql`${members.revision} + 1` };

export function getMember(db: Db, userId: string): MemberRow | undefined {
  return db.select().from(members).where(eq(members.userId, userId)).get();
}

export function historyOf(row: MemberRow | undefined): TagHistory | null {
  if (!row) return null;
  return { wearingSince: row.wearingSince, wornMsBefore: row.wornMsBefore, lastObservedAt: row.lastObservedAt };
}

/** Whether Discord already holds exactly this connection. */
export function alreadyPushed(row: MemberRow, connection: PushedConnection): boolean {
  return (
    row.pushedPlatformName === connection.platformName &&
    row.pushedPlatformUsername === connection.platformUsername &&
    JSON.stringify(row.pushedMetadata) === JSON.stringify(connection.metadata)
  );
}

const historyColumns = (history: TagHistory) => ({
  wearingSince: history.wearingSince,
  wornMsBefore: history.wornMsBefore,
  lastObservedAt: history.lastObservedAt ?? 0,
});

const pushedColumns = (pushed: PushedConnection, now: number) => ({
  pushedPlatformName: pushed.platformName,
  pushedPlatformUsername: pushed.platformUsername,
  pushedMetadata: pushed.metadata,
  pushedAt: now,
});

const tokenColumns = (tokens: StoredTokens) => ({
  accessToken: tokens.accessToken,
  refreshToken: tokens.refreshToken,
  tokenExpiresAt: tokens.expiresAt,
  scopes: tokens.scopes.join(' '),
});

/** Stores a (re-)verification: fresh tokens and the new tag history, creating the row on first visit. */
export function saveVerification(db: Db, userId: string, tokens: StoredTokens, history: TagHistory, now: number): void {
  const values = {
    linkStatus: 'linked' as const,
    ...tokenColumns(tokens),
    ...historyColumns(history),
    linkedAt: now,
    updatedAt: now,
  };
  db.insert(members)
    .values({ userId, createdAt: now, ...values })
    .onConflictDoUpdate({ target: members.userId, set: { ...values, ...bump } })
    .run();
}

/** Records what Discord accepted, so an identical role connection is not pushed again. */
export function savePushed(db: Db, userId: string, pushed: PushedConnection, now: number): void {
  db.update(members)
    .set({ ...pushedColumns(pushed, now), updatedAt: now, ...bump })
    .where(eq(members.userId, userId))
    .run();
}

const atRevision = (userId: string, revision: number) =>
  and(eq(members.userId, userId), eq(members.revision, revision));

/** Stores rotated tokens unless the row changed since `revision` was read. */
export function replaceTokens(db: Db, userId: string, revision: number, tokens: StoredTokens, now: number): boolean {
  const result = db
    .update(members)
    .set({ ...tokenColumns(tokens), updatedAt: now, ...bump })
    .where(atRevision(userId, revision))
    .run();
  return result.changes === 1;
}

/** Stores a refresh observation (and what was pushed, if anything) unless the row changed meanwhile. */
export function saveCheck(
  db: Db,
  userId: string,
  revision: number,
  history: TagHistory,
  pushed: PushedConnection | null,
  now: number,
): boolean {
  const result = db
    .update(members)
    .set({ ...historyColumns(history), ...(pushed ? pushedColumns(pushed, now) : {}), updatedAt: now, ...bump })
    .where(atRevision(userId, revision))
    .run();
  return result.changes === 1;
}

/** The member took their authorization back: forget the tokens, keep the history. */
export function markRevoked(db: Db, userId: string, revision: number | null, now: number): boolean {
  const result = db
    .update(members)
    .set({
      linkStatus: 'revoked',
      accessToken: null,
      refreshToken: null,
      tokenExpiresAt: null,
      updatedAt: now,
      ...bump,
    })
    .where(revision === null ? eq(members.userId, userId) : atRevision(userId, revision))
    .run();
  return result.changes === 1;
}

export interface RefreshCursor {
  lastObservedAt: number;
  userId: string;
}

/**
 * One page of linked members last observed before `cutoff`, least recently observed first. Members
 * checked during the run move past the cutoff, so a run (or a resumed one) never sees them twice.
 */
export function membersToRefresh(
  db: Db,
  options: { cutoff: number; after: RefreshCursor | null; limit: number; userId?: string | undefined },
): MemberRow[] {
  const { cutoff, after, limit, userId } = options;
  return db
    .select()
    .from(members)
    .where(
      and(
        eq(members.linkStatus, 'linked'),
        lt(members.lastObservedAt, cutoff),
        userId === undefined ? undefined : eq(members.userId, userId),
        after === null
          ? undefined
          : or(
              gt(members.lastObservedAt, after.lastObservedAt),
              and(eq(members.lastObservedAt, after.lastObservedAt), gt(members.userId, after.userId)),
            ),
      ),
    )
    .orderBy(asc(members.lastObservedAt), asc(members.userId))
    .limit(limit)
    .all();
}

export function countMembersToRefresh(db: Db, cutoff: number, userId?: string): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(members)
    .where(
      and(
        eq(members.linkStatus, 'linked'),
        lt(members.lastObservedAt, cutoff),
        userId === undefined ? undefined : eq(members.userId, userId),
      ),
    )
    .get();
  return row?.n ?? 0;
}
