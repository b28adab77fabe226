// The emulated gateway as tests see it (README §10.3, §11): the core's sessions plus the controls that make
// Discord misbehave on purpose: drop a socket, close with a code, op 7, op 9, op 1, forget sessions.
import { frame, Op } from './gateway-protocol.js';
import type { GatewayConnection } from './gateway-connection.js';
import { GatewayCore } from './gateway-core.js';
import type { GatewayStats } from './gateway-types.js';

export type { GatewayConfig, GatewayStats, GatewayWorld } from './gateway-types.js';

export class Gateway extends GatewayCore {
  stats(): GatewayStats {
    const sessions = [...this.sessions.values()].map((s) => s.info());
    return {
      ...this.counts,
      connections: this.connections.size,
      sessions,
      sessionStartLimit: this.sessionStartLimit(),
    };
  }

  /** The open connections, all or the one of a session. */
  live(sessionId?: string): GatewayConnection[] {
    return [...this.connections].filter((c) => c.open && (sessionId === undefined || c.session?.id === sessionId));
  }

  /** op 9 on each matching connection; the connection may then IDENTIFY or RESUME again. */
  invalidate(resumable: boolean, sessionId?: string): number {
    const targets = this.live(sessionId);
    for (const connection of targets) {
      const session = connection.session;
      connection.send(frame(Op.InvalidSession, resumable));
      if (!session) continue;
      connection.session = undefined;
      session.link = undefined;
      if (!resumable) this.sessions.delete(session.id);
    }
    return targets.length;
  }

  /** Forgets every session without an open socket, so the next RESUME of one gets op 9 false. */
  forgetSessions(): number {
    let forgotten = 0;
    for (const session of [...this.sessions.values()]) {
      if (session.link?.open) continue;
      this.sessions.delete(session.id);
      forgotten += 1;
    }
    return forgotten;
  }

  /** Drops every socket and forgets every session (shutdown, reset). */
  reset(): void {
    for (const connection of this.connections) connection.drop();
    this.connections.clear();
    this.sessions.clear();
    this.identifyTimes = [];
    this.lastIdentify = -Infinity;
    this.counts = { identifies: 0, resumes: 0, invalidSessions: 0 };
  }

  /** Ends each matching TCP connection without a close frame: the client should RESUME. */
  drop(sessionId?: string): number {
    const targets = this.live(sessionId);
    for (const connection of targets) connection.drop();
    return targets.length;
  }

  /** A close frame with `code` (e.g. 4000 keeps the session resumable, 4009 ends it; README §10.3). */
  close(code: number, sessionId?: string): number {
    const targets = this.live(sessionId);
    for (const connection of targets) connection.close(code, 'closed by the emulator');
    return targets.length;
  }

  /** op 7 RECONNECT: the client should reconnect and RESUME. */
  reconnect(sessionId?: string): number {
    return this.each(sessionId, (c) => c.send(frame(Op.Reconnect, null)));
  }

  /** op 1 from the server: the client should heartbeat at once. */
  requestHeartbeat(sessionId?: string): number {
    return this.each(sessionId, (c) => c.send(frame(Op.Heartbeat, null)));
  }

  private each(sessionId: string | undefined, act: (connection: GatewayConnection) => void): number {
    const targets = this.live(sessionId);
    targets.forEach(act);
    return targets.length;
  }
}
