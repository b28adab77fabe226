// Named lock rows in the database, so two processes never run the same job at once (refresh runs,
// the gateway session). A lock expires: a holder that died (even by SIGKILL) stops blocking once its lease runs out.
import { hostname } from 'node:os';
import { and, eq, lte } from 'drizzle-orm';
import type { Db } from './open.js';
import { jobLocks } from './schema.js';

export interface LockHolder {
  holder: string;
  acquiredAt: number;
  expiresAt: number;
}

export function tryAcquire(db: Db, name: string, holder: string, now: number, ttlMs: number): boolean {
  const lease = { holder, acquiredAt: now, expiresAt: now + ttlMs };
  const result = db
    .insert(jobLocks)
    .values({ name, ...lease })
    .onConflictDoUpdate({ target: jobLocks.name, set: lease, setWhere: lte(jobLocks.expiresAt, now) })
    .run();
  return result.changes === 1;
}

/** Extends the lease; false when the lock was lost (expired and taken by someone else). */
export function renew(db: Db, name: string, holder: string, now: number, ttlMs: number): boolean {
  const result = db
    .update(jobLocks)
    .set({ expiresAt: now + ttlMs })
    .where(and(eq(jobLocks.name, name), eq(jobLocks.holder, holder)))
    .run();
  return result.changes === 1;
}

export function release(db: Db, name: string, holder: string): void {
  db.delete(jobLocks)
    .where(and(eq(jobLocks.name, name), eq(jobLocks.holder, holder)))
    .run();
}

export function currentHolder(db: Db, name: string): LockHolder | undefined {
  return db
    .select({ holder: jobLocks.holder, acquiredAt: jobLocks.acquiredAt, expiresAt: jobLocks.expiresAt })
    .from(jobLocks)
    .where(eq(jobLocks.name, name))
    .get();
}

/** A holder name that lets a later run on the same machine see that the holder's process is gone. */
export function holderName(suffix: string): string {
  return `${hostname()}:${process.pid}:${suffix}`;
}

/** True when the holder ran on this machine and its process no longer exists (killed, crashed). */
export function holderIsGone(holder: string): boolean {
  const [host, pidText] = holder.split(':');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Takes the lock from a holder whose process is gone, without waiting for its lease to run out. */
export function takeOverFromGone(db: Db, name: string, holder: string, now: number, ttlMs: number): boolean {
  const current = currentHolder(db, name);
  if (!current || !holderIsGone(current.holder)) return false;
  db.delete(jobLocks)
    .where(and(eq(jobLocks.name, name), eq(jobLocks.holder, current.holder)))
    .run();
  return tryAcquire(db, name, holder, now, ttlMs);
}
