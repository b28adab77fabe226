// The table of every environment variable: its name, parser, default, the commands that cannot
// run without it, and a hint for the admin. README "Configuration" says the same in words.
import * as parse from './parsers.js';
import type { Parser } from './parsers.js';

/** What reads the configuration: the service itself or one of the admin commands. */
export const COMMANDS = ['serve', 'setup', 'register', 'refresh', 'status', 'forget', 'backup', 'rotate-keys'] as const;
export type CommandName = (typeof COMMANDS)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Variable<T> {
  name: string;
  parse: Parser<T>;
  /** The value when unset. */
  fallback: T;
  /** Commands that cannot run without it; for the others it is optional but, when set, still checked. */
  neededBy: readonly CommandName[];
  hint: string;
}

const variable = <T>(
  name: string,
  parser: Parser<T>,
  fallback: T,
  neededBy: readonly CommandName[],
  hint: string,
): Variable<T> => ({ name, parse: parser, fallback, neededBy, hint });

// Who calls Discord with the client credentials, and who opens or writes sealed tokens.
const CALLS_DISCORD = ['serve', 'setup', 'refresh', 'forget'] as const;
export const SEALS_TOKENS: readonly CommandName[] = ['serve', 'setup', 'refresh', 'forget', 'rotate-keys'];
const none: readonly CommandName[] = [];

// One line per variable, so the table reads as one.
// prettier-ignore
export const VARIABLES = {
  clientId: variable('DISCORD_CLIENT_ID', parse.snowflake, '', [...CALLS_DISCORD, 'register'], 'the application id from the Discord developer portal'),
  clientSecret: variable('DISCORD_CLIENT_SECRET', parse.text, '', CALLS_DISCORD, 'OAuth2 → Client Secret in the developer portal'),
  botToken: variable<string | undefined>('DISCORD_BOT_TOKEN', parse.text, undefined, ['setup', 'register'], 'Bot → Token in the developer portal'),
  publicUrl: variable('PUBLIC_URL', parse.httpUrl, '', ['serve', 'setup'], 'the external base URL of this service'),
  cookieSecret: variable('COOKIE_SECRET', parse.atLeastChars(32), '', ['serve', 'setup'], 'a random string of at least 32 characters'),
  tagGuildIds: variable<string[]>('TAG_GUILD_IDS', parse.guildIds, [], ['serve', 'setup', 'refresh'], 'comma-separated ids of the servers whose tag counts'),
  databasePath: variable('DATABASE_PATH', parse.text, './data/linked-roles.sqlite', none, 'the SQLite file; its folder is created'),
  host: variable('HOST', parse.text, '127.0.0.1', none, 'the listen address'),
  port: variable('PORT', parse.wholeNumber(0, 65535, 'a whole number from 0 to 65535'), 3000, none, 'the listen port'),
  platformName: variable('PLATFORM_NAME', parse.atMostChars(50, 'Discord limit'), 'Server Tag', none, 'the name Discord shows above the linked account'),
  logLevel: variable<LogLevel>('LOG_LEVEL', parse.oneOf(LOG_LEVELS), 'info', none, 'how much the service logs'),
  discordApiUrl: variable('DISCORD_API_URL', parse.apiUrl, 'https://discord.com/api', none, 'the REST API base without the version'),
  discordAuthorizeUrl: variable('DISCORD_AUTHORIZE_URL', parse.httpUrl, 'https://discord.com/oauth2/authorize', none, 'the OAuth2 authorize page'),
  refreshConcurrency: variable('REFRESH_CONCURRENCY', parse.wholeNumber(1, 64, 'a whole number from 1 to 64'), 8, none, 'members the refresh job, and live updates, work on at once'),
  refreshTokenMargin: variable('REFRESH_TOKEN_MARGIN', parse.duration(1, '1ms'), 86_400_000, none, 'the job refreshes access tokens expiring within this time'),
  refreshInterval: variable<number | null>('REFRESH_INTERVAL', parse.durationOrOff(60_000, '1m'), null, none, 'run the refresh inside the service this often; off = use cron'),
  // Checked by loadConfig: a key derived from COOKIE_SECRET may stand in for it.
  tokenKeyText: variable<Buffer | undefined>('TOKEN_ENCRYPTION_KEY', parse.tokenKey, undefined, none, '32 random bytes as hex or base64, e.g. `openssl rand -hex 32`'),
  oldTokenKeys: variable<Buffer[]>('TOKEN_ENCRYPTION_KEYS_OLD', parse.tokenKeys, [], none, 'previous keys, comma-separated, while rotating'),
  discordPublicKey: variable<string | undefined>('DISCORD_PUBLIC_KEY', parse.hexKey, undefined, none, 'the application public key verifying /discord/events'),
  trustProxy: variable<boolean | number | string[]>('TRUST_PROXY', parse.trustProxy, false, none, 'the reverse proxies in front of the service'),
  rateLimitPerMinute: variable('RATE_LIMIT_PER_MINUTE', parse.wholeNumber(0, Number.MAX_SAFE_INTEGER, 'a whole number (0 = off)'), 60, none, 'requests per minute per IP on the member pages'),
  // Resolved by loadConfig: unset means on when DISCORD_BOT_TOKEN is set.
  liveUpdatesText: variable<'on' | 'off' | undefined>('LIVE_UPDATES', parse.oneOf(['on', 'off'] as const), undefined, none, 'follow tag changes live over the gateway'),
  metricsToken: variable<string | undefined>('METRICS_TOKEN', parse.text, undefined, none, 'when set, /metrics requires it as a Bearer token'),
};

export type Settings = { [K in keyof typeof VARIABLES]: (typeof VARIABLES)[K]['fallback'] };
