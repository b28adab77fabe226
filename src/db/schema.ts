// Tables, as drizzle sees them. Migrations in migrations/ are generated from this file by drizzle-kit.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Sealed } from '../crypto/token-sealer.js';

/**
 * linked: we hold working tokens. revoked: the member withdrew our access (their own act).
 * reverify: we lost their tokens ourselves (a token rotation whose answer never reached us), so the
 * member needs to verify again although they never revoked anything.
 */
export const LINK_STATUSES = ['linked', 'revoked', 'reverify'] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

/** One row per Discord member who verified. Times are ms since the epoch. */
export const members = sqliteTable(
  'members',
  {
    userId: text('user_id').primaryKey(),
    linkStatus: text('link_status', { enum: LINK_STATUSES }).notNull(),
    // Tokens are null once the link is revoked: we must not use them again.
    accessToken: text('access_token').$type<Sealed>(),
    refreshToken: text('refresh_token').$type<Sealed>(),
    tokenExpiresAt: integer('token_expires_at'),
    /** Set while a refresh grant is in flight: still set later means its answer (the rotated pair) was lost. */
    refreshStartedAt: integer('refresh_started_at'),
    scopes: text('scopes').notNull(),
    // Tag history (see src/metadata/connection.ts).
    wearingSince: integer('wearing_since'),
    wornMsBefore: integer('worn_ms_before').notNull().default(0),
    lastObservedAt: integer('last_observed_at').notNull(),
    // What Discord last accepted from us, to skip identical PUTs.
    pushedPlatformName: text('pushed_platform_name'),
    pushedPlatformUsername: text('pushed_platform_username'),
    pushedMetadata: text('pushed_metadata', { mode: 'json' }).$type<Record<string, string>>(),
    pushedAt: integer('pushed_at'),
    /** Bumped by every write: writers that read an older revision lost a race and must not overwrite. */
    revision: integer('revision').notNull().default(0),
    /** First verification. */
    createdAt: integer('created_at').notNull(),
    /** Latest verification. */
    linkedAt: integer('linked_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  // The refresh job walks linked members from the least recently observed.
  (table) => [index('members_status_observed').on(table.linkStatus, table.lastObservedAt, table.userId)],
);

export type MemberRow = typeof members.$inferSelect;

/** Named locks with an expiry, so a job whose process died does not block the next one forever. */
export const jobLocks = sqliteTable('job_locks', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  acquiredAt: integer('acquired_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
});

/** died: the run's process ended without closing it (closed so by the next run). */
export const RUN_STATUSES = ['running', 'done', 'failed', 'stopped', 'died'] as const;

/** One row per refresh run, for reports. */
export const refreshRuns = sqliteTable('refresh_runs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  startedAt: integer('started_at').notNull(),
  finishedAt: integer('finished_at'),
  status: text('status', { enum: RUN_STATUSES }).notNull(),
  dryRun: integer('dry_run', { mode: 'boolean' }).notNull(),
  checked: integer('checked').notNull().default(0),
  updated: integer('updated').notNull().default(0),
  unchanged: integer('unchanged').notNull().default(0),
  refreshed: integer('refreshed').notNull().default(0),
  revoked: integer('revoked').notNull().default(0),
  reverify: integer('reverify').notNull().default(0),
  failed: integer('failed').notNull().default(0),
  skipped: integer('skipped').notNull().default(0),
  discordCalls: integer('discord_calls').notNull().default(0),
  /** Pages of List Guild Members read, members read with their own token, role-connection PUTs. */
  listPages: integer('list_pages').notNull().default(0),
  memberReads: integer('member_reads').notNull().default(0),
  puts: integer('puts').notNull().default(0),
});

export type RefreshRunRow = typeof refreshRuns.$inferSelect;

/**
 * connected / resuming / connecting / off / standby (another process holds the session). The
 * gateway's state as its holder last wrote it, for npm run status and /metrics of any process.
 */
export const GATEWAY_STATES = ['connecting', 'connected', 'resuming', 'off', 'standby'] as const;
export type GatewayState = (typeof GATEWAY_STATES)[number];

/** One row per shard of the bot's gateway session (we run one: shard 0). */
export const gatewaySessions = sqliteTable('gateway_sessions', {
  shardId: integer('shard_id').primaryKey(),
  state: text('state', { enum: GATEWAY_STATES }).notNull(),
  /** Why it is off, in words an admin can act on. */
  reason: text('reason'),
  /** What a restart needs to resume instead of identifying (null: identify). */
  sessionId: text('session_id'),
  sequence: integer('sequence'),
  resumeUrl: text('resume_url'),
  shardCount: integer('shard_count'),
  /** IDENTIFYs sent in the 24 h window that began at identifyWindowStart. */
  identifyWindowStart: integer('identify_window_start').notNull().default(0),
  identifiesInWindow: integer('identifies_in_window').notNull().default(0),
  lastIdentifyAt: integer('last_identify_at'),
  eventsReceived: integer('events_received').notNull().default(0),
  liveUpdates: integer('live_updates').notNull().default(0),
  lastSweepAt: integer('last_sweep_at'),
  updatedAt: integer('updated_at').notNull(),
});

export type GatewaySessionRow = typeof gatewaySessions.$inferSelect;
