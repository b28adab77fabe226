// The gateway's numbers (README §10.3): opcodes, close codes, intents and the frames built from them.
import { GatewayCloseCodes, GatewayIntentBits, GatewayOpcodes } from 'discord-api-types/v10';

export { GatewayCloseCodes as Close, GatewayOpcodes as Op };

/** Every intent bit Discord defines; any other bit is close 4013. */
export const KNOWN_INTENTS = Object.values(GatewayIntentBits)
  .filter((v): v is number => typeof v === 'number')
  .reduce((all, bit) => all | bit, 0);

export const GUILDS = GatewayIntentBits.Guilds;
export const GUILD_MEMBERS = GatewayIntentBits.GuildMembers;

/** Privileged intents and the application flags that switch them on (approved | limited); else close 4014. */
export const PRIVILEGED: readonly { intent: number; flags: number }[] = [
  { intent: GatewayIntentBits.GuildPresences, flags: (1 << 12) | (1 << 13) },
  { intent: GatewayIntentBits.GuildMembers, flags: (1 << 14) | (1 << 15) },
  { intent: GatewayIntentBits.MessageContent, flags: (1 << 18) | (1 << 19) },
];

export function disallowedIntents(intents: number, applicationFlags: number): boolean {
  return PRIVILEGED.some((p) => (intents & p.intent) !== 0 && (applicationFlags & p.flags) === 0);
}

/** Which intent a dispatch needs (undefined: every identified session gets it). */
export function intentOf(event: string): number | undefined {
  if (event.startsWith('GUILD_MEMBER')) return GUILD_MEMBERS;
  if (event === 'GUILD_CREATE' || event === 'GUILD_UPDATE' || event === 'GUILD_DELETE') return GUILDS;
  return undefined;
}

/** Client payloads per connection per 60 s before close 4008, and the largest payload (else 4002). */
export const SEND_LIMIT = 120;
export const SEND_WINDOW_MS = 60_000;
export const MAX_PAYLOAD_BYTES = 4096;
/** IDENTIFYs per 24 h (session_start_limit.total) and the window they count in. */
export const IDENTIFY_TOTAL = 1000;
export const IDENTIFY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Dispatches a session keeps for RESUME; a resume from further back gets op 9 (README §10.3). */
export const REPLAY_BUFFER = 10_000;

/** Codes after which a session can no longer be resumed when the server closes with them. */
export const ENDS_SESSION = new Set<number>([
  GatewayCloseCodes.AuthenticationFailed,
  GatewayCloseCodes.InvalidSeq,
  GatewayCloseCodes.SessionTimedOut,
  GatewayCloseCodes.InvalidShard,
  GatewayCloseCodes.ShardingRequired,
  GatewayCloseCodes.InvalidAPIVersion,
  GatewayCloseCodes.InvalidIntents,
  GatewayCloseCodes.DisallowedIntents,
]);

export const frame = (op: number, d?: unknown): string => JSON.stringify(d === undefined ? { op } : { op, d });
