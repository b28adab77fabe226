// The gateway's core (README §10.3): sessions, IDENTIFY and RESUME, and dispatch to every session whose
// intents ask for the event. The controls tests use to misbehave are in gateway.ts.
import type { WebSocket } from 'ws';
import { GatewayConnection, type ConnectionHost } from './gateway-connection.js';
import {
  Close,
  disallowedIntents,
  ENDS_SESSION,
  frame,
  GUILDS,
  intentOf,
  KNOWN_INTENTS,
  Op,
} from './gateway-protocol.js';
import { IDENTIFY_TOTAL, IDENTIFY_WINDOW_MS } from './gateway-protocol.js';
import { GatewaySession } from './gateway-session.js';
import type { GatewayConfig, GatewayStats, GatewayWorld } from './gateway-types.js';
import { randomHex } from './ids.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class GatewayCore implements ConnectionHost {
  readonly heartbeatIntervalMs: number;
  readonly realClock: () => number;
  protected sessions = new Map<string, GatewaySession>();
  protected connections = new Set<GatewayConnection>();
  protected identifyTimes: number[] = [];
  protected lastIdentify = -Infinity;
  protected counts = { identifies: 0, resumes: 0, invalidSessions: 0 };
  /** `shards` in GET /gateway/bot; a recommendation only: IDENTIFY still takes one shard, [0, 1]. */
  recommendedShards = 1;

  constructor(
    protected readonly config: GatewayConfig,
    private readonly world: GatewayWorld,
  ) {
    this.heartbeatIntervalMs = config.heartbeatIntervalMs;
    this.realClock = config.realClock;
  }

  /** Takes over an upgraded socket; `url` is the gateway URL as the client reached it. */
  accept(socket: WebSocket, url: string, version: string | null): void {
    const connection = new GatewayConnection(socket, this, url);
    this.connections.add(connection);
    if (version !== null && version !== '10') connection.close(Close.InvalidAPIVersion, 'use v=10');
  }

  sessionStartLimit(): GatewayStats['sessionStartLimit'] {
    const now = this.config.clock();
    this.identifyTimes = this.identifyTimes.filter((at) => at > now - IDENTIFY_WINDOW_MS);
    const first = this.identifyTimes[0];
    return {
      total: IDENTIFY_TOTAL,
      remaining: Math.max(0, IDENTIFY_TOTAL - this.identifyTimes.length),
      reset_after: first === undefined ? 0 : first + IDENTIFY_WINDOW_MS - now,
      max_concurrency: 1,
    };
  }

  identify(connection: GatewayConnection, d: unknown): void {
    if (!isObject(d) || !isObject(d.properties)) return connection.close(Close.DecodeError, 'bad identify');
    if (d.token !== this.world.botToken()) return connection.close(Close.AuthenticationFailed, 'bad token');
    const intents = d.intents;
    if (!Number.isSafeInteger(intents) || (intents as number) < 0 || ((intents as number) & ~KNOWN_INTENTS) !== 0) {
      return connection.close(Close.InvalidIntents, 'invalid intents');
    }
    const application = this.world.application();
    if (disallowedIntents(intents as number, application.flags)) {
      return connection.close(Close.DisallowedIntents, 'disallowed intents');
    }
    const shard = d.shard;
    if (shard !== undefined && !(Array.isArray(shard) && shard.length === 2 && shard[0] === 0 && shard[1] === 1)) {
      return connection.close(Close.InvalidShard, 'one shard: [0, 1]');
    }
    if (this.sessionStartLimit().remaining === 0) return connection.close(Close.AuthenticationFailed, 'limit');
    const now = this.realClock();
    if (now - this.lastIdentify < this.config.identifyIntervalMs) {
      this.counts.invalidSessions += 1;
      return connection.send(frame(Op.InvalidSession, false));
    }
    this.lastIdentify = now;
    this.identifyTimes.push(this.config.clock());
    this.counts.identifies += 1;
    const session = new GatewaySession(randomHex(16), intents as number);
    this.sessions.set(session.id, session);
    this.attach(connection, session);
    const guildIds = this.world.botGuildIds();
    session.dispatch(
      'READY',
      {
        v: 10,
        user: application.bot,
        guilds: guildIds.map((id) => ({ id, unavailable: true })),
        session_id: session.id,
        resume_gateway_url: connection.url,
        ...(shard === undefined ? {} : { shard: [0, 1] }),
        application: { id: application.id, flags: application.flags },
      },
      false,
    );
    if (session.intents & GUILDS)
      for (const id of guildIds) session.dispatch('GUILD_CREATE', this.world.guildCreate(id));
  }

  resume(connection: GatewayConnection, d: unknown): void {
    if (!isObject(d) || !Number.isSafeInteger(d.seq) || typeof d.session_id !== 'string') {
      return connection.close(Close.DecodeError, 'bad resume');
    }
    if (d.token !== this.world.botToken()) return connection.close(Close.AuthenticationFailed, 'bad token');
    const session = this.sessions.get(d.session_id);
    const missed = session?.after(d.seq as number);
    if (missed === 'ahead') {
      this.sessions.delete(session!.id);
      return connection.close(Close.InvalidSeq, 'seq was never sent');
    }
    if (!session || missed === undefined || missed === 'gone') {
      if (session) this.sessions.delete(session.id);
      this.counts.invalidSessions += 1;
      return connection.send(frame(Op.InvalidSession, false));
    }
    this.counts.resumes += 1;
    this.attach(connection, session);
    for (const text of missed) connection.send(text);
    session.dispatch('RESUMED', {}, false);
  }

  closed(connection: GatewayConnection, clientCode: number, serverCode: number | undefined): void {
    this.connections.delete(connection);
    const session = connection.session;
    if (!session) return;
    connection.session = undefined;
    if (session.link === connection) session.link = undefined;
    // Discord ends a session the client closes with 1000/1001; other drops stay resumable.
    const ends = serverCode === undefined ? clientCode === 1000 || clientCode === 1001 : ENDS_SESSION.has(serverCode);
    if (ends) this.sessions.delete(session.id);
  }

  /** Sends a dispatch to every session (or one) whose intents cover it, connected or resumable; returns how many. */
  dispatch(t: string, d: unknown, sessionId?: string): number {
    const need = intentOf(t);
    let sent = 0;
    for (const session of this.sessions.values()) {
      if (sessionId !== undefined && session.id !== sessionId) continue;
      if (need !== undefined && (session.intents & need) === 0) continue;
      session.dispatch(t, d);
      sent += 1;
    }
    return sent;
  }

  protected attach(connection: GatewayConnection, session: GatewaySession): void {
    const previous = session.link;
    if (previous && previous !== connection && previous instanceof GatewayConnection) {
      previous.session = undefined;
      previous.close(Close.UnknownError, 'session resumed on another connection');
    }
    connection.session = session;
    session.link = connection;
  }
}
