// One gateway session (README §10.3): its sequence numbers and the dispatches it keeps for RESUME. A
// session outlives its socket: while resumable it keeps receiving into its buffer, so a RESUME replays them.
import { REPLAY_BUFFER } from './gateway-protocol.js';

/** What a session sends through; the connection module implements it. */
export interface SessionLink {
  readonly open: boolean;
  send(text: string): void;
}

export interface SessionInfo {
  id: string;
  connected: boolean;
  seq: number;
  intents: number;
  /** Dispatches kept for a RESUME. */
  buffered: number;
}

export class GatewaySession {
  seq = 0;
  link: SessionLink | undefined;
  private buffer: { s: number; text: string }[] = [];

  constructor(
    readonly id: string,
    readonly intents: number,
  ) {}

  /** Sends a dispatch now if connected; kept for replay unless `keep` is false (READY, RESUMED). */
  dispatch(t: string, d: unknown, keep = true): void {
    this.seq += 1;
    const text = JSON.stringify({ op: 0, t, s: this.seq, d });
    if (keep) {
      this.buffer.push({ s: this.seq, text });
      if (this.buffer.length > REPLAY_BUFFER) this.buffer.shift();
    }
    this.link?.send(text);
  }

  /** The kept dispatches after `seq`; 'ahead' when seq was never sent, 'gone' when they were dropped. */
  after(seq: number): string[] | 'ahead' | 'gone' {
    if (seq > this.seq) return 'ahead';
    const first = this.buffer[0]?.s ?? this.seq + 1;
    // Frames that were never kept (READY, RESUMED) are not missed ones.
    if (seq < first - 1 && this.buffer.length === REPLAY_BUFFER) return 'gone';
    return this.buffer.filter((f) => f.s > seq).map((f) => f.text);
  }

  info(): SessionInfo {
    return {
      id: this.id,
      connected: this.link?.open === true,
      seq: this.seq,
      intents: this.intents,
      buffered: this.buffer.length,
    };
  }
}
