// Durable writes that share one commit. With `synchronous = FULL` every commit waits for the disk
// (an fsync, which blocks the event loop); writes asked for within one turn of the event loop are
// run together in one transaction instead, so members verifying at the same moment wait for the
// disk once between them. Each write still succeeds or fails on its own (a savepoint each). A write
// that may be lost to a power cut (`durable: false`) rides along with the others at no cost; a group
// of such writes alone commits without waiting for the disk.
import type Database from 'better-sqlite3';

interface Pending {
  write: () => unknown;
  durable: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit {
  private pending: Pending[] = [];
  private readonly flush = () => this.commit();
  private pragmas: { normal: Database.Statement; full: Database.Statement } | undefined;
  /** Set from asking for NORMAL until FULL is set again. */
  private atNormal = false;

  constructor(private readonly sqlite: Database.Database) {}

  /**
   * Runs `write` in the next group's transaction; resolves once that transaction is committed: on
   * disk, unless every write of the group was `durable: false`.
   */
  run<T>(write: () => T, { durable = true }: { durable?: boolean } = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(this.flush);
      this.pending.push({ write, durable, resolve: resolve as (value: unknown) => void, reject });
    });
  }

  private commit(): void {
    const group = this.pending;
    this.pending = [];
    const durable = group.some((pending) => pending.durable);
    // SQLite takes the setting only between transactions. A group of lazy writes alone runs at
    // NORMAL; FULL is set again after it, and before any later group if that failed.
    try {
      if (!durable || this.atNormal) this.setSynchronous(durable ? 'full' : 'normal');
    } catch (error) {
      // The database is closed (or cannot be set back to FULL): nothing of the group is stored.
      for (const { reject } of group) reject(error);
      return;
    }
    this.commitGroup(group);
    if (!durable) {
      try {
        this.setSynchronous('full');
      } catch {
        // Left at NORMAL: the next group sets FULL first, or is refused.
      }
    }
  }

  private setSynchronous(level: 'normal' | 'full'): void {
    this.pragmas ??= {
      normal: this.sqlite.prepare('PRAGMA synchronous = NORMAL'),
      full: this.sqlite.prepare('PRAGMA synchronous = FULL'),
    };
    if (level === 'normal') this.atNormal = true;
    this.pragmas[level].run();
    if (level === 'full') this.atNormal = false;
  }

  private commitGroup(group: Pending[]): void {
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      // IMMEDIATE: the write lock is taken (or waited for) before any read, so a write that reads
      // first (a verification's history) cannot find its snapshot stale when it comes to write.
      this.sqlite
        .transaction(() => {
          for (const { write } of group) {
            try {
              // A nested transaction is a savepoint: a failed write is undone alone.
              outcomes.push({ ok: true, value: this.sqlite.transaction(write)() });
            } catch (error) {
              outcomes.push({ ok: false, error });
            }
          }
        })
        .immediate();
    } catch (error) {
      // The commit itself failed (disk full, database closed): nothing of the group is stored.
      for (const { reject } of group) reject(error);
      return;
    }
    group.forEach(({ resolve, reject }, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) resolve(outcome.value);
      else reject(outcome.error);
    });
  }
}
