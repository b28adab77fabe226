// Opens the SQLite database the service and the admin scripts share, and brings its schema up to date.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { projectPath } from './project-path.js';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const MIGRATIONS = projectPath('migrations');

/** Opens (creating the folder if needed) and migrates; `:memory:` gives a throwaway database. */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  // WAL lets the refresh job and the service write without blocking each other's readers.
  sqlite.pragma('journal_mode = WAL');
  // Every commit reaches the disk before we answer: a refresh token Discord has rotated exists only
  // in our row. better-sqlite3 is built so that WAL mode means NORMAL (a commit may vanish on power
  // loss) while the pragma still reads 2, so FULL is set, not assumed.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS });
  return db;
}

let journalEntries: number | undefined;

/** How many migrations in migrations/ this database lacks: 0 once `openDatabase` has run them. */
export function pendingMigrations(db: Db): number {
  // Read when first asked, not at import time.
  journalEntries ??= (JSON.parse(readFileSync(`${MIGRATIONS}/meta/_journal.json`, 'utf8')) as { entries: unknown[] })
    .entries.length;
  // drizzle's own bookkeeping table, written by migrate() above.
  const applied = db.get<{ n: number }>(sql`select count(*) as n from __drizzle_migrations`);
  return Math.max(0, journalEntries - applied.n);
}
