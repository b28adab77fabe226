// The gateway session's row in the database: what a restart needs to resume, the identify count of
// the last 24 hours, and the state and counters that npm run status and /metrics of any process show.
import type { SessionInfo } from '@discordjs/ws';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { DAY_MS } from '../metadata/connection.js';
import { gatewaySessions, type GatewaySessionRow, type GatewayState } from '../db/schema.js';

const SHARD = 0;
/** The job lock only the session's holder has. */
export const GATEWAY_LOCK = 'gateway';

export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  row(): GatewaySessionRow | undefined {
    return this.db.select().from(gatewaySessions).where(eq(gatewaySessions.shardId, SHARD)).get();
  }

  private write(changes: Partial<Omit<GatewaySessionRow, 'shardId'>>): void {
    const values = { ...changes, updatedAt: this.now() };
    this.db
      .insert(gatewaySessions)
      .values({ shardId: SHARD, state: 'connecting', ...values })
      .onConflictDoUpdate({ target: gatewaySessions.shardId, set: values })
      .run();
  }

  setState(state: GatewayState, reason: string | null = null): void {
    this.write({ state, reason });
  }

  session(): SessionInfo | null {
    const row = this.row();
    if (!row?.sessionId || row.sequence === null || !row.resumeUrl || row.shardCount === null) return null;
    return {
      shardId: SHARD,
      sessionId: row.sessionId,
      sequence: row.sequence,
      resumeURL: row.resumeUrl,
      shardCount: row.shardCount,
    };
  }

  saveSession(info: SessionInfo | null): void {
    this.write({
      sessionId: info?.sessionId ?? null,
      sequence: info?.sequence ?? null,
      resumeUrl: info?.resumeURL ?? null,
      shardCount: info?.shardCount ?? null,
    });
  }

  /** Records one IDENTIFY; returns how many this bot sent in the current 24-hour window. */
  recordIdentify(at: number): number {
    const window = this.identifyWindow(at);
    const count = window.count + 1;
    this.write({ lastIdentifyAt: at, identifyWindowStart: window.startsAt, identifiesInWindow: count });
    return count;
  }

  /** IDENTIFYs sent in the 24-hour window that holds `at` (a new one starts at `at` once the last ended). */
  identifyWindow(at: number): { count: number; startsAt: number } {
    const row = this.row();
    if (!row || at - row.identifyWindowStart >= DAY_MS) return { count: 0, startsAt: at };
    return { count: row.identifiesInWindow, startsAt: row.identifyWindowStart };
  }

  lastIdentifyAt(): number | null {
    return this.row()?.lastIdentifyAt ?? null;
  }

  addCounts(events: number, liveUpdates: number): void {
    if (events === 0 && liveUpdates === 0) return;
    // The row exists: the holder writes its state before any event can arrive.
    this.db
      .update(gatewaySessions)
      .set({
        eventsReceived: sql`${gatewaySessions.eventsReceived} + ${events}`,
        liveUpdates: sql`${gatewaySessions.liveUpdates} + ${liveUpdates}`,
        updatedAt: this.now(),
      })
      .where(eq(gatewaySessions.shardId, SHARD))
      .run();
  }

  sweptAt(at: number): void {
    this.write({ lastSweepAt: at });
  }
}
