// The shapes the gateway is configured and read with (README §10.3, §11), apart from its code.
import type { SessionInfo } from './gateway-session.js';

export interface GatewayConfig {
  heartbeatIntervalMs: number;
  /** Real ms an IDENTIFY must wait after the previous one (max_concurrency 1); 0 switches the check off. */
  identifyIntervalMs: number;
  clock: () => number;
  realClock: () => number;
}

/** What the gateway reads from the rest of the emulator. */
export interface GatewayWorld {
  botToken(): string | undefined;
  application(): { id: string; flags: number; bot: Record<string, unknown> };
  botGuildIds(): string[];
  guildCreate(guildId: string): Record<string, unknown>;
}

export interface GatewayStats {
  identifies: number;
  resumes: number;
  /** op 9 answers: unknown sessions on RESUME, and IDENTIFYs sooner than the concurrency limit allows. */
  invalidSessions: number;
  connections: number;
  sessions: SessionInfo[];
  sessionStartLimit: { total: number; remaining: number; reset_after: number; max_concurrency: number };
}
