// Reads and writes of member rows, so routes and jobs never build SQL themselves. Tokens are sealed
// on the way in and opened on the way out. Writers that may race (the refresh job against a member's
// own verification) pass the revision they read.
import { setTimeout as sleep } from 'node:timers/promises';
import { and, asc, eq, gt, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Sealed, TokenSealer } from '../crypto/token-sealer.js';
import type { TagHistory } from '../metadata/connection.js';
import { GroupCommit } from './group-commit.js';
import { atRevision, bump, prepareMemberStatements, type MemberStatements } from './member-statements.js';
import type { Db } from './open.js';
import { members, type MemberRow } from './schema.js';

/** A member row with its tokens opened (a `MemberRow` holds them sealed). */
export type Member = Omit<MemberRow, 'accessToken' | 'refreshToken'> & {
  accessToken: string | null;
  refreshToken: string | null;
};

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

export interface RefreshCursor {
  lastObservedAt: number;
  userId: string;
}

export function historyOf(member: Member | undefined): TagHistory | null {
  if (!member) return null;
  return {
    wearingSince: member.wearingSince,
    wornMsBefore: member.wornMsBefore,
    lastObservedAt: member.lastObservedAt,
  };
}

/** Whether Discord already holds exactly this connection. */
export function alreadyPushed(member: Member, connection: PushedConnection): boolean {
  return (
    member.pushedPlatformName === connection.platformName &&
    member.pushedPlatformUsername === connection.platformUsername &&
    JSON.stringify(member.pushedMetadata) === JSON.stringify(connection.metadata)
  );
}

/** Tries to store a freshly rotated pair, and the first wait between them (doubling). */
export const ROTATED_PAIR_ATTEMPTS = 5;
const ROTATED_PAIR_RETRY_MS = 100;

/** How long before a verification began a deauthorization may be dated and still end it. */
export const DEAUTHORIZED_SLACK_MS = 5_000;

const historyColumns = (history: TagHistory) => ({
  wearingSince: history.wearingSince,
  wornMsBefore: history.wornMsBefore,
  lastObservedAt: history.lastObservedAt ?? 0,
});

const pushedColumns = (pushed: PushedConnection, now: number) => ({
  pushedPlatformName: pushed.platformName,
  pushedPlatformUsername: pushed.platformUsername,
  pushedMetadata: JSON.stringify(pushed.metadata),
  now,
});

const linkedWithId = (userId: string) => and(eq(members.userId, userId), eq(members.linkStatus, 'linked'));

const linkedBefore = (cutoff: number, userId: string | undefined) =>
  and(
    eq(members.linkStatus, 'linked'),
    lt(members.lastObservedAt, cutoff),
    userId === undefined ? undefined : eq(members.userId, userId),
  );

export class MemberStore {
  private readonly statements: MemberStatements;
  private readonly commits: GroupCommit;

  constructor(
    readonly db: Db,
    private readonly sealer: TokenSealer,
  ) {
    this.statements = prepareMemberStatements(db);
    this.commits = new GroupCommit(db.$client);
  }

  get(userId: string): Member | undefined {
    const row = this.statements.get.get({ userId });
    return row && this.opened(row);
  }

  /** The member's tag history alone (null for a stranger): no token is opened. */
  history(userId: string): TagHistory | null {
    return this.statements.history.get({ userId }) ?? null;
  }

  /**
   * Stores a (re-)verification: fresh tokens, the new tag history, nothing known pushed yet.
   * `linkedAt`: when the verification began, before its code was spent (see markDeauthorized).
   */
  saveVerification(userId: string, tokens: StoredTokens, history: TagHistory, now: number, linkedAt = now): void {
    this.statements.upsert.run({
      userId,
      now,
      linkedAt,
      ...this.tokenColumns(userId, tokens),
      ...historyColumns(history),
    });
  }

  /**
   * Runs one of the writes here (or several) in the commit shared by every write asked for this
   * turn, and resolves with its result once that commit is on disk: for the hot paths, where one
   * fsync each would cost more than the rest of the work (see group-commit.ts).
   */
  committed<T>(write: () => T): Promise<T> {
    return this.commits.run(write);
  }

  /**
   * Runs a write that may be lost to a power cut (savePushed) in the next shared commit: with
   * durable writes of others when there are any this turn, at no cost of its own; alone, committed
   * without waiting for the disk (a second fsync per verification otherwise). The next durable
   * commit carries it to the disk anyway. Resolves once it is committed.
   */
  committedLazily<T>(write: () => T): Promise<T> {
    return this.commits.run(write, { durable: false });
  }

  /**
   * Records what Discord accepted, so an identical role connection is not pushed again. Lost to a
   * power cut, it leaves the row as saveVerification left it, "not known to be pushed", and the
   * next refresh pushes again: the service writes it with committedLazily.
   */
  savePushed(userId: string, pushed: PushedConnection, now: number): void {
    this.statements.savePushed.run({ userId, ...pushedColumns(pushed, now) });
  }

  /** Stores rotated tokens unless the row changed since `revision` was read. */
  replaceTokens(userId: string, revision: number, tokens: StoredTokens, now: number): boolean {
    return (
      this.statements.replaceTokens.run({ userId, revision, now, ...this.tokenColumns(userId, tokens) }).changes === 1
    );
  }

  /** Stores a refresh observation (and what was pushed, if anything) unless the row changed meanwhile. */
  saveCheck(
    userId: string,
    revision: number,
    history: TagHistory,
    pushed: PushedConnection | null,
    now: number,
  ): boolean {
    const values = { userId, revision, ...historyColumns(history), now };
    const result = pushed
      ? this.statements.saveCheckPushed.run({ ...values, ...pushedColumns(pushed, now) })
      : this.statements.saveCheck.run(values);
    return result.changes === 1;
  }

  /** The member took their authorization back: forget the tokens, keep the history. */
  markRevoked(userId: string, revision: number | null, now: number): boolean {
    return this.unlinkWhere(
      'revoked',
      revision === null ? eq(members.userId, userId) : atRevision(userId, revision),
      now,
    );
  }

  /** We lost the member's tokens ourselves: they must verify again, but they did not revoke us. */
  markReverify(userId: string, revision: number, now: number): boolean {
    return this.unlinkWhere('reverify', atRevision(userId, revision), now);
  }

  /** Notes that a refresh grant is about to spend the stored refresh token (cleared when a pair is stored). */
  markRefreshing(userId: string, revision: number, now: number): boolean {
    return this.changed(this.db.update(members).set({ refreshStartedAt: now }).where(atRevision(userId, revision)));
  }

  /**
   * Spends the stored refresh token through `spend`, so that a lost answer is never taken for a
   * member who left: the mark of markRefreshing is on disk first (a later reader that finds it knows
   * the pair may have rotated behind our back), and the new pair is stored before it is handed back.
   * Undefined when the row moved past `revision` before anything was spent; `stored: false` when it
   * moved on while the token was spent (the pair is then the caller's to use or drop). After a
   * failure the mark stays only if `mayHaveActed(error)`.
   */
  async rotateTokens<T extends StoredTokens>(
    userId: string,
    revision: number,
    now: () => number,
    spend: () => Promise<T>,
    mayHaveActed: (error: unknown) => boolean,
  ): Promise<{ tokens: T; stored: boolean } | undefined> {
    if (!(await this.committed(() => this.markRefreshing(userId, revision, now())))) return undefined;
    let tokens: T;
    try {
      tokens = await spend();
    } catch (error) {
      if (!mayHaveActed(error)) this.clearRefreshing(userId);
      throw error;
    }
    // The pair exists nowhere else now: a commit refused for a while (the write lock held past
    // busy_timeout by another process) is tried again before the pair is given up.
    for (let attempt = 1; ; attempt += 1) {
      try {
        const stored = await this.committed(() => this.replaceTokens(userId, revision, tokens, now()));
        return { tokens, stored };
      } catch (error) {
        if (attempt >= ROTATED_PAIR_ATTEMPTS) throw error;
        await sleep(ROTATED_PAIR_RETRY_MS * 2 ** (attempt - 1));
      }
    }
  }

  /** Drops the mark of markRefreshing: Discord answered, so it did not rotate the pair behind our back. */
  clearRefreshing(userId: string): void {
    this.db.update(members).set({ refreshStartedAt: null }).where(eq(members.userId, userId)).run();
  }

  /**
   * Forgets what Discord was last known to hold, so the next refresh PUTs the member's role
   * connection again: after a PUT whose answer never came, or one that may have landed after a newer one.
   */
  markForPush(userId: string, now: number): void {
    this.db
      .update(members)
      .set({
        pushedPlatformName: null,
        pushedPlatformUsername: null,
        pushedMetadata: null,
        pushedAt: null,
        updatedAt: now,
        ...bump,
      })
      .where(eq(members.userId, userId))
      .run();
  }

  /**
   * A deauthorization Discord dated `eventAt`: applied unless the member verified again since (a
   * late or replayed event must not unlink a member who came back). Dated up to DEAUTHORIZED_SLACK_MS
   * before the verification began, it still applies: Discord's date may be cut to the second or its
   * clock a little behind ours, and nobody removes the app and authorizes it again that fast.
   */
  markDeauthorized(userId: string, eventAt: number, now: number): boolean {
    const since = eventAt + DEAUTHORIZED_SLACK_MS;
    return this.unlinkWhere('revoked', and(eq(members.userId, userId), lte(members.linkedAt, since)), now);
  }

  private unlinkWhere(status: 'revoked' | 'reverify', where: SQL | undefined, now: number): boolean {
    return this.changed(
      this.db
        .update(members)
        .set({
          linkStatus: status,
          accessToken: null,
          refreshToken: null,
          tokenExpiresAt: null,
          refreshStartedAt: null,
          updatedAt: now,
          ...bump,
        })
        .where(where),
    );
  }

  /** Deletes everything stored about a member. */
  delete(userId: string): boolean {
    return this.changed(this.db.delete(members).where(eq(members.userId, userId)));
  }

  /**
   * One page of linked members last observed before `cutoff`, least recently observed first. Members
   * checked during the run move past the cutoff, so a run (or a resumed one) never sees them twice.
   */
  toRefresh(options: {
    cutoff: number;
    after: RefreshCursor | null;
    limit: number;
    userId?: string | undefined;
  }): Member[] {
    const { cutoff, after, limit, userId } = options;
    const rows =
      userId !== undefined
        ? this.db.select().from(members).where(linkedBefore(cutoff, userId)).limit(limit).all()
        : after === null
          ? this.statements.firstPage.all({ cutoff, limit })
          : this.statements.nextPage.all({
              cutoff,
              limit,
              afterObserved: after.lastObservedAt,
              afterUser: after.userId,
            });
    return rows.map((row) => this.opened(row));
  }

  /** Which of these users are linked members not observed since `cutoff`. */
  dueAmong(userIds: readonly string[], cutoff: number): Member[] {
    if (userIds.length === 0) return [];
    const rows = this.db
      .select()
      .from(members)
      .where(and(inArray(members.userId, [...userIds]), linkedBefore(cutoff, undefined)))
      .all();
    return rows.map((row) => this.opened(row));
  }

  /** Whether this user is a linked member: the one question asked of every gateway event. */
  isLinked(userId: string): boolean {
    return this.db.select({ userId: members.userId }).from(members).where(linkedWithId(userId)).get() !== undefined;
  }

  /** The linked member's revision and latest observation, without opening tokens; undefined if not linked. */
  freshness(userId: string): { revision: number; lastObservedAt: number | null } | undefined {
    return this.statements.freshness.get({ userId });
  }

  /** The linked member with this id, if any, tokens opened. */
  linked(userId: string): Member | undefined {
    const row = this.db.select().from(members).where(linkedWithId(userId)).get();
    return row && this.opened(row);
  }

  countToRefresh(cutoff: number, userId?: string): number {
    const row = this.db
      .select({ n: sql<number>`count(*)` })
      .from(members)
      .where(linkedBefore(cutoff, userId))
      .get();
    return row?.n ?? 0;
  }

  /**
   * Re-seals, under the current key, every token sealed with an older key; returns how many rows.
   * Each page is read and written back under one write lock (IMMEDIATE): a pair another process
   * stores meanwhile (a refresh rotating it) must never be overwritten by the spent one read before.
   */
  resealAll(pageSize = 500): number {
    let resealed = 0;
    let after = '';
    for (;;) {
      const page = this.db.$client.transaction(() => this.resealPage(after, pageSize)).immediate();
      resealed += page.resealed;
      if (page.last === undefined) return resealed;
      after = page.last;
    }
  }

  private resealPage(after: string, pageSize: number): { resealed: number; last: string | undefined } {
    const page = this.db
      .select({ userId: members.userId, accessToken: members.accessToken, refreshToken: members.refreshToken })
      .from(members)
      .where(gt(members.userId, after))
      .orderBy(asc(members.userId))
      .limit(pageSize)
      .all();
    let resealed = 0;
    for (const row of page) {
      const stale = [row.accessToken, row.refreshToken].some((v) => v !== null && this.sealer.isStale(v));
      if (!stale) continue;
      const reseal = (value: Sealed | null, field: string) =>
        value && this.sealer.seal(this.sealer.open(value, `${row.userId}:${field}`), `${row.userId}:${field}`);
      this.db
        .update(members)
        .set({ accessToken: reseal(row.accessToken, 'access'), refreshToken: reseal(row.refreshToken, 'refresh') })
        .where(eq(members.userId, row.userId))
        .run();
      resealed += 1;
    }
    return { resealed, last: page.at(-1)?.userId };
  }

  private tokenColumns(userId: string, tokens: StoredTokens) {
    return {
      accessToken: this.sealer.seal(tokens.accessToken, `${userId}:access`),
      refreshToken: this.sealer.seal(tokens.refreshToken, `${userId}:refresh`),
      tokenExpiresAt: tokens.expiresAt,
      scopes: tokens.scopes.join(' '),
    };
  }

  private opened(row: MemberRow): Member {
    return {
      ...row,
      accessToken: row.accessToken && this.sealer.open(row.accessToken, `${row.userId}:access`),
      refreshToken: row.refreshToken && this.sealer.open(row.refreshToken, `${row.userId}:refresh`),
    };
  }

  private changed(query: { run: () => { changes: number } }): boolean {
    return query.run().changes === 1;
  }
}
