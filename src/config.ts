// The one place that reads the service's settings: it validates the whole environment at once and
// names every problem, so an admin fixes a bad deployment in one pass instead of one error per start.
import { hkdfSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { parseKey } from './crypto/token-sealer.js';
import { parseDuration } from './time/duration.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  clientId: string;
  clientSecret: string;
  /** Only the admin scripts need it; the service runs without. */
  botToken: string | undefined;
  /** External base URL without a trailing slash. */
  publicUrl: string;
  redirectUri: string;
  cookieSecret: string;
  tagGuildIds: string[];
  databasePath: string;
  host: string;
  port: number;
  platformName: string;
  logLevel: LogLevel;
  /** Base of the REST API without the version, e.g. https://discord.com/api */
  discordApiUrl: string;
  discordAuthorizeUrl: string;
  /** Members the refresh job works on at once. */
  refreshConcurrency: number;
  /** Access tokens expiring within this many ms are refreshed by the job. */
  refreshTokenMargin: number;
  /** Run the refresh job inside the service this often (ms); null = off (use cron). */
  refreshInterval: number | null;
  /** Seals tokens at rest (32 bytes). */
  tokenKey: Buffer;
  /** True when TOKEN_ENCRYPTION_KEY is unset and the key is derived from COOKIE_SECRET. */
  tokenKeyDerived: boolean;
  /** Older keys that may still open rows not yet re-sealed. */
  oldTokenKeys: Buffer[];
  /** Hex Ed25519 key that signs Discord's webhook events; unset = events are refused. */
  discordPublicKey: string | undefined;
  /** Fastify trustProxy: false, true, a hop count, or addresses/CIDRs of the proxies. */
  trustProxy: boolean | number | string[];
  /** Requests per minute per IP on the member-facing routes; 0 = no limit. */
  rateLimitPerMinute: number;
  /** Bearer token protecting /metrics; unset = open (keep it on a private network). */
  metricsToken: string | undefined;
}

export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const SNOWFLAKE = /^\d{17,20}$/;

export const DEFAULTS = {
  databasePath: './data/linked-roles.sqlite',
  host: '127.0.0.1',
  port: 3000,
  platformName: 'Server Tag',
  logLevel: 'info' as LogLevel,
  discordApiUrl: 'https://discord.com/api',
  discordAuthorizeUrl: 'https://discord.com/oauth2/authorize',
  refreshConcurrency: 8,
  refreshTokenMargin: 86_400_000,
  rateLimitPerMinute: 60,
};

export interface LoadOptions {
  /** Variables that are optional for the service but required by the caller (e.g. an admin script). */
  require?: string[];
  /** Variables the caller does not use: absent is fine, present must still be valid. */
  optional?: string[];
}

/** Reads `.env` from the working directory when present; real environment variables win. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

export function loadConfig(env: Env, options: LoadOptions = {}): Config {
  const problems: string[] = [];
  const value = (name: string): string | undefined => {
    const raw = env[name]?.trim();
    return raw === '' ? undefined : raw;
  };
  const required = (name: string, hint: string): string => {
    const v = value(name);
    if (v === undefined && !options.optional?.includes(name)) problems.push(`${name} is required (${hint})`);
    return v ?? '';
  };

  const clientId = required('DISCORD_CLIENT_ID', 'the application id from the Discord developer portal');
  if (clientId && !SNOWFLAKE.test(clientId)) problems.push('DISCORD_CLIENT_ID must be a Discord id (17 to 20 digits)');

  const clientSecret = required('DISCORD_CLIENT_SECRET', 'OAuth2 → Client Secret in the developer portal');
  const botToken = value('DISCORD_BOT_TOKEN');
  for (const name of options.require ?? []) {
    if (value(name) === undefined) problems.push(`${name} is required for this command`);
  }

  const publicUrl = httpUrl(required('PUBLIC_URL', 'the external base URL of this service'), 'PUBLIC_URL', problems);

  const cookieSecret = required('COOKIE_SECRET', 'a random string of at least 32 characters');
  if (cookieSecret && cookieSecret.length < 32) problems.push('COOKIE_SECRET must be at least 32 characters long');

  const tagGuildIds = (value('TAG_GUILD_IDS') ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  if (tagGuildIds.length === 0 && !options.optional?.includes('TAG_GUILD_IDS'))
    problems.push('TAG_GUILD_IDS is required (comma-separated ids of the servers whose tag counts)');
  for (const id of tagGuildIds) {
    if (!SNOWFLAKE.test(id)) problems.push(`TAG_GUILD_IDS: "${id}" is not a Discord id (17 to 20 digits)`);
  }

  const portText = value('PORT');
  let port = DEFAULTS.port;
  if (portText !== undefined) {
    port = Number(portText);
    if (!/^\d+$/.test(portText) || port > 65535)
      problems.push(`PORT must be a whole number from 0 to 65535, got "${portText}"`);
  }

  const platformName = value('PLATFORM_NAME') ?? DEFAULTS.platformName;
  if (platformName.length > 50) problems.push('PLATFORM_NAME must be at most 50 characters (Discord limit)');

  const logLevel = (value('LOG_LEVEL') ?? DEFAULTS.logLevel) as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const discordApiUrl = httpUrl(value('DISCORD_API_URL') ?? DEFAULTS.discordApiUrl, 'DISCORD_API_URL', problems);
  if (/\/v\d+$/.test(discordApiUrl)) {
    problems.push('DISCORD_API_URL must not include the API version (use e.g. https://discord.com/api; /v10 is added)');
  }
  const discordAuthorizeUrl = httpUrl(
    value('DISCORD_AUTHORIZE_URL') ?? DEFAULTS.discordAuthorizeUrl,
    'DISCORD_AUTHORIZE_URL',
    problems,
  );

  const concurrencyText = value('REFRESH_CONCURRENCY');
  const refreshConcurrency = concurrencyText === undefined ? DEFAULTS.refreshConcurrency : Number(concurrencyText);
  if (!Number.isInteger(refreshConcurrency) || refreshConcurrency < 1 || refreshConcurrency > 64) {
    problems.push(`REFRESH_CONCURRENCY must be a whole number from 1 to 64, got "${concurrencyText}"`);
  }
  const duration = (name: string, fallback: number | null): number | null => {
    const text = value(name);
    if (text === undefined || (fallback === null && text === 'off')) return fallback;
    const ms = parseDuration(text);
    if (ms === null || ms <= 0) problems.push(`${name} must be a duration such as 30m, 12h or 1d, got "${text}"`);
    return ms;
  };
  const refreshTokenMargin = duration('REFRESH_TOKEN_MARGIN', DEFAULTS.refreshTokenMargin) ?? 0;
  const refreshInterval = duration('REFRESH_INTERVAL', null);
  if (refreshInterval !== null && refreshInterval < 60_000) problems.push('REFRESH_INTERVAL must be at least 1m');

  // Without TOKEN_ENCRYPTION_KEY, tokens are still sealed, under a key derived from COOKIE_SECRET
  // (the service warns); once a key is set, that derived key keeps opening the rows it sealed.
  const keyText = value('TOKEN_ENCRYPTION_KEY');
  const derivedKey = cookieSecret.length >= 32 ? keyFromCookieSecret(cookieSecret) : null;
  const tokenKey = keyText === undefined ? derivedKey : parseKey(keyText);
  if (keyText !== undefined && tokenKey === null) {
    problems.push('TOKEN_ENCRYPTION_KEY must be exactly 32 bytes written as 64 hex characters or base64');
  } else if (tokenKey === null && !options.optional?.includes('TOKEN_ENCRYPTION_KEY')) {
    problems.push('TOKEN_ENCRYPTION_KEY is required (32 random bytes as hex or base64, e.g. `openssl rand -hex 32`)');
  }
  const oldTokenKeys = (value('TOKEN_ENCRYPTION_KEYS_OLD') ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
    .map((k, i) => {
      const key = parseKey(k);
      if (!key) problems.push(`TOKEN_ENCRYPTION_KEYS_OLD: key ${i + 1} must be 32 bytes as hex or base64`);
      return key ?? Buffer.alloc(0);
    });

  const discordPublicKey = value('DISCORD_PUBLIC_KEY')?.toLowerCase();
  if (discordPublicKey !== undefined && !/^[0-9a-f]{64}$/.test(discordPublicKey)) {
    problems.push('DISCORD_PUBLIC_KEY must be the 64 hex characters of the application public key');
  }

  const trustProxy = parseTrustProxy(value('TRUST_PROXY'), problems);
  const rateText = value('RATE_LIMIT_PER_MINUTE');
  const rateLimitPerMinute = rateText === undefined ? DEFAULTS.rateLimitPerMinute : Number(rateText);
  if (!Number.isInteger(rateLimitPerMinute) || rateLimitPerMinute < 0) {
    problems.push(`RATE_LIMIT_PER_MINUTE must be a whole number (0 = off), got "${rateText}"`);
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    clientId,
    clientSecret,
    botToken,
    publicUrl,
    redirectUri: publicUrl && `${publicUrl}/linked-role/callback`,
    cookieSecret,
    tagGuildIds,
    databasePath: value('DATABASE_PATH') ?? DEFAULTS.databasePath,
    host: value('HOST') ?? DEFAULTS.host,
    port,
    platformName,
    logLevel,
    discordApiUrl,
    discordAuthorizeUrl,
    refreshConcurrency,
    refreshTokenMargin,
    refreshInterval,
    tokenKey: tokenKey ?? Buffer.alloc(0),
    tokenKeyDerived: keyText === undefined,
    oldTokenKeys: keyText !== undefined && derivedKey ? [...oldTokenKeys, derivedKey] : oldTokenKeys,
    discordPublicKey,
    trustProxy,
    rateLimitPerMinute,
    metricsToken: value('METRICS_TOKEN'),
  };
}

function keyFromCookieSecret(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'linked-roles', 'token-encryption-key', 32));
}

/** TRUST_PROXY: unset/false, true, a number of hops, or comma-separated proxy addresses or CIDRs. */
function parseTrustProxy(text: string | undefined, problems: string[]): boolean | number | string[] {
  if (text === undefined || text === 'false') return false;
  if (text === 'true') return true;
  if (/^\d+$/.test(text)) return Number(text);
  const list = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (list.length === 0 || list.some((s) => !/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(s))) {
    problems.push('TRUST_PROXY must be true, false, a number of proxy hops, or comma-separated proxy IPs/CIDRs');
    return false;
  }
  return list;
}

/** Parses an http(s) URL without query or fragment and returns it without a trailing slash. */
function httpUrl(text: string, name: string, problems: string[]): string {
  if (text === '') return '';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    problems.push(`${name} is not a valid URL: "${text}"`);
    return '';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    problems.push(`${name} must start with http:// or https://`);
  } else if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    problems.push(`${name} must not contain credentials, a query or a fragment`);
  }
  return url.href.replace(/\/+$/, '');
}
