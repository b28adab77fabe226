// The fake application every benchmark process shares (ids, secrets, the tag guild) and the service's
// environment built from it, so the emulator, the service and the refresh job agree without a .env.
import { randomBytes } from 'node:crypto';
import type { PrimaryGuild } from '../../src/emulator/types.js';

export const CLIENT_ID = '1300000000000000001';
export const CLIENT_SECRET = 'bench-client-secret';
export const BOT_TOKEN = 'bench-bot-token';
export const GUILD = { id: '1300000000000000002', name: 'Bench Club', tag: 'BNCH' };
export const SCOPES = ['identify', 'role_connections.write'];
/** Seconds; a week, like Discord's access tokens: far beyond the refresh job's one-day margin. */
export const TOKEN_TTL_SECONDS = 604_800;

export const wornTag: PrimaryGuild = {
  identity_guild_id: GUILD.id,
  identity_enabled: true,
  tag: GUILD.tag,
  badge: null,
};

/** Fresh per benchmark run; shared by the service, the seeding code and the refresh job. */
export const TOKEN_KEY_HEX = randomBytes(32).toString('hex');
const COOKIE_SECRET = randomBytes(32).toString('hex');

/** Snowflake-shaped member ids: `base` keeps the sets of different sections apart. */
export const memberId = (base: number, i: number): string => String(BigInt(base) * 10n ** 15n + BigInt(i));

export interface ServiceSettings {
  port: number;
  emulatorUrl: string;
  databasePath: string;
  logLevel: string;
}

/** Environment of `src/server.ts` (and, minus the web settings, of the refresh job). */
export function serviceEnv(s: ServiceSettings): Record<string, string> {
  return {
    DISCORD_CLIENT_ID: CLIENT_ID,
    DISCORD_CLIENT_SECRET: CLIENT_SECRET,
    DISCORD_BOT_TOKEN: BOT_TOKEN,
    PUBLIC_URL: `http://127.0.0.1:${s.port}`,
    COOKIE_SECRET,
    TAG_GUILD_IDS: GUILD.id,
    DATABASE_PATH: s.databasePath,
    HOST: '127.0.0.1',
    PORT: String(s.port),
    LOG_LEVEL: s.logLevel,
    DISCORD_API_URL: `${s.emulatorUrl}/api`,
    DISCORD_AUTHORIZE_URL: `${s.emulatorUrl}/oauth2/authorize`,
    TOKEN_ENCRYPTION_KEY: TOKEN_KEY_HEX,
    RATE_LIMIT_PER_MINUTE: '0',
  };
}

/** The environment of a service under verification load: the default per-address rate limit, as in production. */
export function verificationEnv(s: ServiceSettings): Record<string, string> {
  const env = serviceEnv(s);
  delete env.RATE_LIMIT_PER_MINUTE;
  return env;
}
