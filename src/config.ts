// The one place that reads the service's settings: it validates the whole environment at once and
// names every problem, so an admin fixes a bad deployment in one pass instead of one error per start.
// The variables themselves are declared once, in settings/variables.ts.
import { hkdfSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Problem } from './settings/parsers.js';
import { SEALS_TOKENS, VARIABLES, type CommandName, type Settings, type Variable } from './settings/variables.js';

export { COMMANDS, LOG_LEVELS, type CommandName, type LogLevel } from './settings/variables.js';

export type Config = Omit<Settings, 'tokenKeyText' | 'liveUpdatesText'> & {
  /** Whether the service follows tag changes over the bot's gateway session. */
  liveUpdates: boolean;
  /** Where Discord sends members back: PUBLIC_URL/linked-role/callback. */
  redirectUri: string;
  /** Where members start, the application's verification URL: PUBLIC_URL/linked-role. */
  verifyUrl: string;
  /** Seals tokens at rest (32 bytes). */
  tokenKey: Buffer;
  /** True when TOKEN_ENCRYPTION_KEY is unset and the key is derived from COOKIE_SECRET. */
  tokenKeyDerived: boolean;
};

export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const entries = Object.entries(VARIABLES) as [keyof Settings, Variable<unknown>][];

export const DEFAULTS = Object.fromEntries(entries.map(([key, v]) => [key, v.fallback])) as Settings;

/** The variables a command cannot run without, for its --help. */
export function neededVariables(command: CommandName): string[] {
  const names = entries.filter(([, v]) => v.neededBy.includes(command)).map(([, v]) => v.name);
  return SEALS_TOKENS.includes(command) ? [...names, 'TOKEN_ENCRYPTION_KEY (or COOKIE_SECRET)'] : names;
}

/** The variables a command reads when set but runs without, for its --help. */
export function optionalVariables(command: CommandName): string[] {
  const needed = new Set(neededVariables(command));
  const sealing = SEALS_TOKENS.includes(command);
  return entries
    .map(([, v]) => v.name)
    .filter((name) => !needed.has(name) && !(sealing && name === VARIABLES.tokenKeyText.name));
}

/** Reads `.env` from the working directory when present; real environment variables win. */
export function loadDotEnv(path = '.env'): void {
  if (!existsSync(path)) return;
  try {
    process.loadEnvFile(path);
  } catch (error) {
    // A system error's code (EACCES, EISDIR) says why; Node's own argument codes would not.
    const code = (error as NodeJS.ErrnoException).code;
    const why = code && /^E[A-Z]+$/.test(code) ? ` (${code})` : '';
    throw new ConfigError([
      `${resolve(path)} is there but could not be read${why}: let this user read it, or remove it and set the variables in the environment`,
    ]);
  }
}

/** The configuration `command` runs with; every problem is reported at once in one ConfigError. */
export function loadConfig(env: Env, command: CommandName = 'serve'): Config {
  const problems: string[] = [];
  const given = (name: string): string | undefined => {
    const raw = env[name]?.trim();
    return raw === '' ? undefined : raw;
  };
  const read = ({ name, parse, fallback, neededBy, hint }: Variable<unknown>): unknown => {
    const raw = given(name);
    const parsed = raw === undefined ? fallback : parse(raw, name);
    if (parsed instanceof Problem) problems.push(parsed.message);
    // A list of only commas is as good as unset.
    const empty = parsed === undefined || parsed === '' || (Array.isArray(parsed) && parsed.length === 0);
    if (empty && neededBy.includes(command)) problems.push(`${name} is required (${hint})`);
    return parsed instanceof Problem ? fallback : parsed;
  };
  const settings = Object.fromEntries(entries.map(([key, v]) => [key, read(v)])) as Settings;

  // Without TOKEN_ENCRYPTION_KEY, tokens are still sealed, under a key derived from COOKIE_SECRET
  // (the service warns); once a key is set, that derived key keeps opening the rows it sealed.
  const { tokenKeyText, liveUpdatesText, oldTokenKeys, ...rest } = settings;
  if (liveUpdatesText === 'on' && !rest.botToken) {
    problems.push('LIVE_UPDATES=on needs DISCORD_BOT_TOKEN: the gateway session is the bot’s');
  }
  const keyGiven = given('TOKEN_ENCRYPTION_KEY') !== undefined;
  const derivedKey = rest.cookieSecret ? keyFromCookieSecret(rest.cookieSecret) : null;
  const tokenKey = keyGiven ? tokenKeyText : derivedKey;
  if (!keyGiven && !tokenKey && SEALS_TOKENS.includes(command)) {
    problems.push(`TOKEN_ENCRYPTION_KEY is required (${VARIABLES.tokenKeyText.hint})${keyAlternative(command)}`);
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    ...rest,
    redirectUri: rest.publicUrl && `${rest.publicUrl}/linked-role/callback`,
    verifyUrl: rest.publicUrl && `${rest.publicUrl}/linked-role`,
    tokenKey: tokenKey ?? Buffer.alloc(0),
    tokenKeyDerived: !keyGiven,
    liveUpdates: (liveUpdatesText ?? (rest.botToken ? 'on' : 'off')) === 'on',
    oldTokenKeys: keyGiven && derivedKey ? [...oldTokenKeys, derivedKey] : oldTokenKeys,
  };
}

function keyFromCookieSecret(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'linked-roles', 'token-encryption-key', 32));
}

/** What stands in for a missing TOKEN_ENCRYPTION_KEY, as the end of its problem. */
function keyAlternative(command: CommandName): string {
  // The service and setup need COOKIE_SECRET anyway: a valid one gives them a derived key.
  if (VARIABLES.cookieSecret.neededBy.includes(command)) return ', or a valid COOKIE_SECRET, from which it is derived';
  // rotate-keys exists to seal under a key of its own; a derived one would re-seal every row as it is.
  if (command === 'rotate-keys') return '';
  // refresh and forget open what the service sealed: only the service's own COOKIE_SECRET derives its key.
  return ', or the service’s COOKIE_SECRET when the service runs without TOKEN_ENCRYPTION_KEY (its key is derived from it)';
}
