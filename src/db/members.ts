// Reads and writes of member rows, so routes and jobs never build SQL themselves.
import { eq } from 'drizzle-orm';
import type { TagHistory } from '../metadata.js';
import type { Db } from './open.js';
import { members, type MemberRow } from './schema.js';

export interface StoredTokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
  scopes: string[];
}

export function getMember(db: Db, userId: string): MemberRow | undefined {
  return db.select().from(members).where(eq(members.userId, userId)).get();
}

export function historyOf(row: MemberRow | undefined): TagHistory | null {
  if (!row) return null;
  return { wearingSince: row.wearingSince, wornMsBefore: row.wornMsBefore, lastObservedAt: row.lastObservedAt };
}

/** Stores a (re-)verification: fresh tokens and the new tag history, creating the row on first visit. */
export function saveVerification(db: Db, userId: string, tokens: StoredTokens, history: TagHistory, now: number): void {
  const values = {
    linkStatus: 'linked' as const,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    tokenExpiresAt: tokens.expiresAt,
    scopes: tokens.scopes.join(' '),
    wearingSince: history.wearingSince,
    wornMsBefore: history.wornMsBefore,
    lastObservedAt: history.lastObservedAt,
    linkedAt: now,
    updatedAt: now,
  };
  db.insert(members)
    .values({ userId, createdAt: now, ...values })
    .onConflictDoUpdate({ target: members.userId, set: values })
    .run();
}

/** Records what Discord accepted, so an identical role connection is not pushed again. */
export function savePushed(
  db: Db,
  userId: string,
  metadata: Record<string, string>,
  platformUsername: string,
  now: number,
): void {
  db.update(members)
    .set({ pushedMetadata: metadata, pushedPlatformUsername: platformUsername, pushedAt: now, updatedAt: now })
    .where(eq(members.userId, userId))
    .run();
}
