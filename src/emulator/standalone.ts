// The environment of `npm run emulator` (scripts/emulator.ts), read at once with every mistake named,
// as the service's own settings are: a person starting it by hand gets a sentence, not a stack trace.
import type { EmulatorOptions } from './app.js';

export interface StandaloneSettings {
  options: EmulatorOptions;
  host: string;
  port: number;
}

const SNOWFLAKE = /^\d{17,20}$/;

/** The emulator's options and address from `env`, or the list of what is wrong with it. */
export function standaloneSettings(
  env: Record<string, string | undefined>,
): StandaloneSettings | { problems: string[] } {
  const problems: string[] = [];
  const portText = env.EMULATOR_PORT ?? '3999';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    problems.push(`EMULATOR_PORT must be a whole number from 0 to 65535, got "${portText}"`);
  }
  const publicUrl = (env.PUBLIC_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]/.test(publicUrl) || !URL.canParse(publicUrl)) {
    problems.push(`PUBLIC_URL must be the service's http(s) URL, got "${publicUrl}"`);
  }
  // TAG_GUILD_IDS: comma-separated ids, each optionally `id:TAG` to choose the tag shown on the consent page.
  const guilds = (env.TAG_GUILD_IDS ?? '111111111111111111')
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
  const clientId = env.DISCORD_CLIENT_ID ?? '123456789012345678';
  if (!SNOWFLAKE.test(clientId)) problems.push('DISCORD_CLIENT_ID must be a Discord id (17 to 20 digits)');
  if (problems.length > 0) return { problems };
  return {
    options: {
      clientId,
      clientSecret: env.DISCORD_CLIENT_SECRET ?? 'emulator-client-secret',
      botToken: env.DISCORD_BOT_TOKEN ?? 'emulator-bot-token',
      redirectUris: [`${publicUrl}/linked-role/callback`],
      guilds,
      logger: env.EMULATOR_LOG === '1',
    },
    host: env.EMULATOR_HOST ?? '127.0.0.1',
    port,
  };
}
