// The environment of `npm run emulator` (scripts/emulator.ts), read at once with every mistake named,
// as the service's own settings are: a person starting it by hand gets a sentence, not a stack trace.
import type { EmulatorOptions } from './app.js';

export interface StandaloneSettings {
  options: EmulatorOptions;
  host: string;
  port: number;
}

/** Every variable the standalone emulator reads, with its value when unset and what it means. */
export const STANDALONE_VARIABLES = [
  ['EMULATOR_HOST', '127.0.0.1', 'the listen address'],
  ['EMULATOR_PORT', '3999', 'the listen port'],
  ['PUBLIC_URL', 'http://127.0.0.1:3000', "the service's URL; PUBLIC_URL/linked-role/callback is the redirect URI"],
  [
    'TAG_GUILD_IDS',
    '111111111111111111',
    'comma-separated server ids, each optionally id:TAG with a tag of 1 to 4 characters',
  ],
  ['DISCORD_CLIENT_ID', '123456789012345678', 'the application id'],
  ['DISCORD_CLIENT_SECRET', 'emulator-client-secret', 'the OAuth2 client secret'],
  ['DISCORD_BOT_TOKEN', 'emulator-bot-token', 'the bot token'],
  ['EMULATOR_LOG', '', 'set to 1 to log every request'],
] as const;

/** What `npm run emulator -- --help` prints. */
export const STANDALONE_USAGE = [
  'Usage: npm run emulator [-- --help]',
  '  runs the Discord API emulator alone; it takes no arguments: its settings come from the environment',
  '  and from .env in the working directory (real environment variables win)',
  'Reads when set:',
  ...STANDALONE_VARIABLES.map(
    ([name, fallback, meaning]) => `  ${name}: ${meaning}${fallback === '' ? '' : ` (default ${fallback})`}`,
  ),
].join('\n');

type Name = (typeof STANDALONE_VARIABLES)[number][0];
const DEFAULTS = Object.fromEntries(STANDALONE_VARIABLES.map(([name, fallback]) => [name, fallback])) as Record<
  Name,
  string
>;

const SNOWFLAKE = /^\d{17,20}$/;

/**
 * PUBLIC_URL by the service's own rule (src/settings/parsers.ts, httpUrl, which the emulator may not
 * import): http(s), no credentials, query or fragment, normalized and without a trailing slash, so
 * the redirect URI registered here is the very one the service sends.
 */
function publicUrlOf(text: string): string | { problem: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: `PUBLIC_URL must be the service's http(s) URL, got "${text}"` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { problem: `PUBLIC_URL must be the service's http(s) URL, got "${text}"` };
  }
  // An empty query or fragment (`http://x.org/?`) reads as '' in search and hash but stays in href.
  if (/[?#]/.test(url.href) || url.username !== '' || url.password !== '') {
    return { problem: `PUBLIC_URL must not contain credentials, a query or a fragment, got "${text}"` };
  }
  return url.href.replace(/\/+$/, '');
}

/** The emulator's options and address from `env`, or the list of what is wrong with it. */
export function standaloneSettings(
  env: Record<string, string | undefined>,
): StandaloneSettings | { problems: string[] } {
  const read = (name: Name) => env[name] ?? DEFAULTS[name];
  const problems: string[] = [];
  const portText = read('EMULATOR_PORT');
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    problems.push(`EMULATOR_PORT must be a whole number from 0 to 65535, got "${portText}"`);
  }
  const publicUrl = publicUrlOf(read('PUBLIC_URL'));
  if (typeof publicUrl !== 'string') problems.push(publicUrl.problem);
  // TAG_GUILD_IDS: comma-separated ids, each optionally `id:TAG` to choose the tag shown on the consent page.
  const guilds = read('TAG_GUILD_IDS')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry, index) => {
      const [id = '', tag, ...rest] = entry.split(':');
      if (!SNOWFLAKE.test(id)) problems.push(`TAG_GUILD_IDS: "${id}" is not a Discord id (17 to 20 digits)`);
      if (tag !== undefined && (rest.length > 0 || !/^.{1,4}$/u.test(tag))) {
        problems.push(`TAG_GUILD_IDS: the tag of ${id} must be 1 to 4 characters, got "${entry.slice(id.length + 1)}"`);
      }
      return { id, name: `Tag guild ${index + 1}`, tag: tag ?? `TAG${index + 1}`.slice(0, 4) };
    });
  const clientId = read('DISCORD_CLIENT_ID');
  if (!SNOWFLAKE.test(clientId)) problems.push('DISCORD_CLIENT_ID must be a Discord id (17 to 20 digits)');
  if (problems.length > 0 || typeof publicUrl !== 'string') return { problems };
  return {
    options: {
      clientId,
      clientSecret: read('DISCORD_CLIENT_SECRET'),
      botToken: read('DISCORD_BOT_TOKEN'),
      redirectUris: [`${publicUrl}/linked-role/callback`],
      guilds,
      logger: read('EMULATOR_LOG') === '1',
    },
    host: read('EMULATOR_HOST'),
    port,
  };
}
