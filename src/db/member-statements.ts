// The member statements of the hot paths (every verification, every refreshed member), built and
// prepared once: rebuilding them per call cost more than the rest of a verification's CPU time.
import { and, asc, eq, gt, lt, or, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from './open.js';
import { members } from './schema.js';

/** Every write bumps the row's revision, which racing writers compare against. */
export const bump = { revision: sql`${members.revision} + 1` };

// Wrapped as SQL so drizzle accepts them in SET clauses too; values are bound as given (JSON pre-encoded).
const p = (name: string) => sql`${sql.placeholder(name)}`;

/** The row of this member, only while it is still at the revision the writer read. */
export const atRevision = (userId: string | SQL, revision: number | SQL) =>
  and(eq(members.userId, userId), eq(members.revision, revision));

export type MemberStatements = ReturnType<typeof prepareMemberStatements>;

export function prepareMemberStatements(db: Db) {
  const byId = eq(members.userId, p('userId'));
  const revisionHeld = atRevision(p('userId'), p('revision'));
  const tokens = {
    accessToken: p('accessToken'),
    refreshToken: p('refreshToken'),
    tokenExpiresAt: p('tokenExpiresAt'),
    scopes: p('scopes'),
    // A new pair arrived: no refresh grant is in flight any more.
    refreshStartedAt: sql`null`,
  };
  const history = {
    wearingSince: p('wearingSince'),
    wornMsBefore: p('wornMsBefore'),
    lastObservedAt: p('lastObservedAt'),
  };
  const pushed = {
    pushedPlatformName: p('pushedPlatformName'),
    pushedPlatformUsername: p('pushedPlatformUsername'),
    pushedMetadata: p('pushedMetadata'),
    pushedAt: p('now'),
  };
  // The value the conflicting INSERT proposed for this column.
  const excluded = (column: SQLiteColumn) => sql.raw(`excluded.${column.name}`);
  const page = (after: boolean) =>
    db
      .select()
      .from(members)
      .where(
        and(
          eq(members.linkStatus, 'linked'),
          lt(members.lastObservedAt, p('cutoff')),
          after
            ? or(
                gt(members.lastObservedAt, p('afterObserved')),
                and(eq(members.lastObservedAt, p('afterObserved')), gt(members.userId, p('afterUser'))),
              )
            : undefined,
        ),
      )
      .orderBy(asc(members.lastObservedAt), asc(members.userId))
      .limit(sql.placeholder('limit'))
      .prepare();
  return {
    get: db.select().from(members).where(byId).prepare(),
    history: db
      .select({
        wearingSince: members.wearingSince,
        wornMsBefore: members.wornMsBefore,
        lastObservedAt: members.lastObservedAt,
      })
      .from(members)
      .where(byId)
      .prepare(),
    freshness: db
      .select({ revision: members.revision, lastObservedAt: members.lastObservedAt })
      .from(members)
      .where(and(byId, eq(members.linkStatus, 'linked')))
      .prepare(),
    upsert: db
      .insert(members)
      .values({
        userId: p('userId'),
        linkStatus: 'linked',
        ...tokens,
        ...history,
        createdAt: p('now'),
        linkedAt: p('linkedAt'),
        updatedAt: p('now'),
      })
      .onConflictDoUpdate({
        target: members.userId,
        set: {
          linkStatus: 'linked',
          accessToken: excluded(members.accessToken),
          refreshToken: excluded(members.refreshToken),
          tokenExpiresAt: excluded(members.tokenExpiresAt),
          refreshStartedAt: excluded(members.refreshStartedAt),
          scopes: excluded(members.scopes),
          wearingSince: excluded(members.wearingSince),
          wornMsBefore: excluded(members.wornMsBefore),
          lastObservedAt: excluded(members.lastObservedAt),
          linkedAt: excluded(members.linkedAt),
          updatedAt: excluded(members.updatedAt),
          // Unknown until savePushed says otherwise: that write is the one allowed to be lost.
          pushedPlatformName: sql`null`,
          pushedPlatformUsername: sql`null`,
          pushedMetadata: sql`null`,
          pushedAt: sql`null`,
          ...bump,
        },
      })
      .prepare(),
    savePushed: db
      .update(members)
      .set({ ...pushed, updatedAt: p('now'), ...bump })
      .where(byId)
      .prepare(),
    replaceTokens: db
      .update(members)
      .set({ ...tokens, updatedAt: p('now'), ...bump })
      .where(revisionHeld)
      .prepare(),
    saveCheck: db
      .update(members)
      .set({ ...history, updatedAt: p('now'), ...bump })
      .where(revisionHeld)
      .prepare(),
    saveCheckPushed: db
      .update(members)
      .set({ ...history, ...pushed, updatedAt: p('now'), ...bump })
      .where(revisionHeld)
      .prepare(),
    firstPage: page(false),
    nextPage: page(true),
  };
}
