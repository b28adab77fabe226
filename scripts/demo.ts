// `npm run demo`: the emulator and the service together on loopback, with a throwaway database and
// generated secrets, so a person can click through the whole verification in a browser.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationWebhookEventType } from 'discord-api-types/v10';
import { buildApp } from '../src/app.js';
import { systemClock } from '../src/time/clock.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/open.js';
import { MemberLocks } from '../src/db/member-locks.js';
import { createDiscordClient } from '../src/discord/client.js';
import { LiveUpdates } from '../src/gateway/live-updates.js';
import { startEmulator } from '../src/emulator/server.js';
import { loggerOptions } from '../src/observability/logger.js';
import { METADATA_SCHEMA } from '../src/metadata/connection.js';

const host = '127.0.0.1';
const port = Number(process.env.PORT ?? 3000);
const emulatorPort = Number(process.env.EMULATOR_PORT ?? 3999);
const guild = { id: '1100000000000000001', name: 'Tag Club', tag: 'TAG' };
const clientId = '1200000000000000001';
const clientSecret = randomBytes(16).toString('hex');
const botToken = randomBytes(24).toString('base64url');
const publicUrl = `http://${host}:${port}`;
const dir = mkdtempSync(join(tmpdir(), 'linked-roles-demo-'));

const emulator = await startEmulator(
  { clientId, clientSecret, botToken, redirectUris: [`${publicUrl}/linked-role/callback`], guilds: [guild] },
  { host, port: emulatorPort },
);
const ana = emulator.state.addUser({
  username: 'ana',
  global_name: 'Ana',
  primary_guild: { identity_guild_id: guild.id, identity_enabled: true, tag: guild.tag, badge: null },
});
const bo = emulator.state.addUser({ username: 'bo', global_name: 'Bo', primary_guild: null });
// A member whose Discord speaks German: their result page is in German too.
const lena = emulator.state.addUser({
  username: 'lena',
  global_name: 'Lena',
  locale: 'de',
  primary_guild: { identity_guild_id: guild.id, identity_enabled: true, tag: guild.tag, badge: null },
});
// All are members of the tag server, so the bot sees their tags over the gateway and List Guild Members.
for (const member of [ana, bo, lena]) emulator.state.addGuildMember(guild.id, member.id);

const config = loadConfig({
  DISCORD_CLIENT_ID: clientId,
  DISCORD_CLIENT_SECRET: clientSecret,
  DISCORD_BOT_TOKEN: botToken,
  PUBLIC_URL: publicUrl,
  COOKIE_SECRET: randomBytes(32).toString('hex'),
  TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
  DISCORD_PUBLIC_KEY: emulator.state.publicKeyHex,
  TAG_GUILD_IDS: guild.id,
  DATABASE_PATH: join(dir, 'demo.sqlite'),
  HOST: host,
  PORT: String(port),
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  DISCORD_API_URL: `${emulator.url}/api`,
  DISCORD_AUTHORIZE_URL: `${emulator.url}/oauth2/authorize`,
});
const db = openDatabase(config.databasePath);
const discord = createDiscordClient(config, systemClock);
await discord.putMetadataSchema(METADATA_SCHEMA);
const locks = new MemberLocks();
const app = await buildApp({ config, db, discord, clock: systemClock, locks, logger: loggerOptions(config.logLevel) });
await app.listen({ host, port });
// Live tags, as the service runs them: a tag changed on the emulated Discord reaches the role connection.
const live = new LiveUpdates({ config, db, clock: systemClock, locks, log: app.log });
live.start();
// As `npm run setup -- --webhooks` would: the emulated Discord now tells us when a member revokes.
await discord.patchApplication({
  role_connections_verification_url: config.verifyUrl,
  event_webhooks_url: `${publicUrl}/discord/events`,
  event_webhooks_status: 2,
  event_webhooks_types: [ApplicationWebhookEventType.ApplicationDeauthorized],
});

console.log(`
Demo running (Ctrl+C to stop).
  1. Open ${publicUrl}/linked-role in a browser.
  2. On the emulated Discord page pick a member, their client language and the tag they wear,
     then press Authorize. The result page is in the member's language (Lena's is German).
  3. See what Discord received at ${emulator.url}/ (role connections of every member).
  4. Change a linked member's tag as Discord would:
     curl -X PUT -H 'content-type: application/json' -d null ${emulator.url}/_emulator/users/<member id>/primary-guild)
     and watch their role connection follow at once, over the bot's gateway session.
  5. Press "Disconnect and delete my data" on the result page, or revoke a member as Discord would:
     curl -X POST ${emulator.url}/_emulator/users/<member id>/revoke   (the webhook marks them revoked)
Database (deleted on exit): ${config.databasePath}
`);

const stop = async () => {
  await live.stop();
  await app.close();
  db.$client.close();
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
