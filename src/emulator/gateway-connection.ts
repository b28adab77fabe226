// One WebSocket on /gateway (README §10.3): HELLO, heartbeats, payload checks and close codes. What an
// IDENTIFY or RESUME means for sessions is the gateway's business (gateway.ts); this module only frames it.
import { WebSocket, type RawData } from 'ws';
import { Close, frame, MAX_PAYLOAD_BYTES, Op, SEND_LIMIT, SEND_WINDOW_MS } from './gateway-protocol.js';
import type { GatewaySession, SessionLink } from './gateway-session.js';

export interface ConnectionHost {
  heartbeatIntervalMs: number;
  realClock: () => number;
  identify(connection: GatewayConnection, d: unknown): void;
  resume(connection: GatewayConnection, d: unknown): void;
  /** `serverCode`: the code the emulator closed with; undefined when the client closed or the socket dropped. */
  closed(connection: GatewayConnection, clientCode: number, serverCode: number | undefined): void;
}

// Opcodes a client may send once identified; the emulator accepts and ignores them.
const ignored = new Set<number>([Op.PresenceUpdate, Op.VoiceStateUpdate, Op.RequestGuildMembers]);
ignored.add(Op.RequestSoundboardSounds).add(Op.RequestChannelInfo);

export class GatewayConnection implements SessionLink {
  session: GatewaySession | undefined;
  private serverCode: number | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private window = { count: 0, since: 0 };

  constructor(
    private readonly socket: WebSocket,
    private readonly host: ConnectionHost,
    /** ws://host:port/gateway as the client reached it: READY's resume_gateway_url. */
    readonly url: string,
  ) {
    this.window.since = host.realClock();
    socket.on('message', (data, isBinary) => this.receive(data, isBinary));
    socket.on('close', (code) => {
      clearTimeout(this.heartbeatTimer);
      this.host.closed(this, code, this.serverCode);
    });
    // A socket error is followed by 'close'; nothing to add here.
    socket.on('error', () => undefined);
    this.send(frame(Op.Hello, { heartbeat_interval: host.heartbeatIntervalMs }));
    this.armHeartbeat();
  }

  get open(): boolean {
    return this.socket.readyState === WebSocket.OPEN && this.serverCode === undefined;
  }

  send(text: string): void {
    if (this.open) this.socket.send(text);
  }

  /** A close frame with `code`; the session's fate is decided when the socket has closed. */
  close(code: number, reason = ''): void {
    if (!this.open) return;
    this.serverCode = code;
    clearTimeout(this.heartbeatTimer);
    this.socket.close(code, reason);
  }

  /** Ends the TCP connection without a close frame, as a network failure would. */
  drop(): void {
    clearTimeout(this.heartbeatTimer);
    this.socket.terminate();
  }

  // A connection that misses its heartbeats for 1.5 intervals is closed with 4009 (README §10.3).
  private armHeartbeat(): void {
    clearTimeout(this.heartbeatTimer);
    const ms = Math.ceil(this.host.heartbeatIntervalMs * 1.5);
    this.heartbeatTimer = setTimeout(() => this.close(Close.SessionTimedOut, 'heartbeat missed'), ms);
  }

  private receive(data: RawData, isBinary: boolean): void {
    if (!this.open) return;
    const now = this.host.realClock();
    if (now - this.window.since >= SEND_WINDOW_MS) this.window = { count: 0, since: now };
    if (++this.window.count > SEND_LIMIT) return this.close(Close.RateLimited, 'too many payloads');
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer);
    if (isBinary) return this.close(Close.DecodeError, 'binary frames are not JSON');
    if (bytes.length > MAX_PAYLOAD_BYTES) return this.close(Close.DecodeError, 'payload too large');
    let payload: unknown;
    try {
      payload = JSON.parse(bytes.toString('utf8'));
    } catch {
      return this.close(Close.DecodeError, 'invalid JSON');
    }
    const op = (payload as { op?: unknown } | null)?.op;
    if (typeof payload !== 'object' || Array.isArray(payload) || typeof op !== 'number') {
      return this.close(Close.DecodeError, 'a payload is an object with a numeric op');
    }
    const d = (payload as { d?: unknown }).d;
    if (op === Op.Heartbeat) {
      this.armHeartbeat();
      return this.send(frame(Op.HeartbeatAck));
    }
    if (op === Op.Identify || op === Op.Resume) {
      if (this.session) return this.close(Close.AlreadyAuthenticated, 'already authenticated');
      return op === Op.Identify ? this.host.identify(this, d) : this.host.resume(this, d);
    }
    if (!ignored.has(op)) return this.close(Close.UnknownOpcode, `unknown opcode ${op}`);
    if (!this.session) return this.close(Close.NotAuthenticated, 'identify first');
  }
}
