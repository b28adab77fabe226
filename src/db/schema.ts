// Tables, as drizzle sees them. Migrations in migrations/ are generated from this file by drizzle-kit.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const LINK_STATUSES = ['linked', 'revoked'] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

/** One row per Discord member who verified. Times are ms since the epoch. */
export const members = sqliteTable(
  'members',
  {
    userId: text('user_id').primaryKey(),
    linkStatus: text('link_status', { enum: LINK_STATUSES }).notNull(),
    // Tokens are null once the link is revoked: we must not use them again.
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    tokenExpiresAt: integer('token_expires_at'),
    scopes: text('scopes').notNull(),
    // Tag history (see src/metadata.ts).
    wearingSince: integer('wearing_since'),
    wornMsBefore: integer('worn_ms_before').notNull().default(0),
    lastObservedAt: integer('last_observed_at'),
    // What Discord last accepted from us, to skip identical PUTs.
    pushedMetadata: text('pushed_metadata', { mode: 'json' }).$type<Record<string, string>>(),
    pushedPlatformUsername: text('pushed_platform_username'),
    pushedAt: integer('pushed_at'),
    /** First verification. */
    createdAt: integer('created_at').notNull(),
    /** Latest verification. */
    linkedAt: integer('linked_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  // The refresh job walks linked members from the least recently observed.
  (table) => [index('members_status_observed').on(table.linkStatus, table.lastObservedAt)],
);

export type MemberRow = typeof members.$inferSelect;
