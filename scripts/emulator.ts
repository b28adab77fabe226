// `npm run emulator`: runs the Discord API emulator standalone so the service and a person can use it without internet.
import { startEmulator } from '../src/emulator/server.js';

const env = process.env;
const publicUrl = (env.PUBLIC_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
// TAG_GUILD_IDS: comma-separated ids, each optionally `id:TAG` to choose the tag shown on the consent page.
const guilds = (env.TAG_GUILD_IDS ?? '111111111111111111')
  .split(',')
  .map((entry) => entry.trim())
  .filter((entry) => entry !== '')
  .map((entry, index) => {
    const [id = '', tag] = entry.split(':');
    return { id, name: `Tag guild ${index + 1}`, tag: tag ?? `TAG${index + 1}`.slice(0, 4) };
  });

const running = await startEmulator(
  {
    clientId: env.DISCORD_CLIENT_ID ?? '123456789012345678',
    clientSecret: env.DISCORD_CLIENT_SECRET ?? 'emulator-client-secret',
    botToken: env.DISCORD_BOT_TOKEN ?? 'emulator-bot-token',
    redirectUris: [`${publicUrl}/linked-role/callback`],
    guilds,
    logger: env.EMULATOR_LOG === '1',
  },
  { host: env.EMULATOR_HOST ?? '127.0.0.1', port: Number(env.EMULATOR_PORT ?? 3999) },
);

console.log(
  `Discord API emulator listening on ${running.url} (API: ${running.url}/api/v10, consent page: ${running.url}/oauth2/authorize)`,
);
// Not a secret: the service verifies webhook events with it.
console.log(`Application public key (set DISCORD_PUBLIC_KEY to this): ${running.state.publicKeyHex}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void running.close().then(() => process.exit(0));
  });
}
