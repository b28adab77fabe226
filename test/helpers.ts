// Shared test wiring: a real emulator on a loopback port, the app built against it, a movable clock,
// and a scripted "browser" that walks a member through the flow over real HTTP.
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { createServer as createNetServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Test } from 'tap';
import type { CommandContext } from '../src/admin/cli.js';
import { buildApp } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';
import { loggerOptions } from '../src/observability/logger.js';
import { sealerFor } from '../src/crypto/token-sealer.js';
import { MemberLocks } from '../src/db/member-locks.js';
import { MemberStore } from '../src/db/members.js';
import { openDatabase, type Db } from '../src/db/open.js';
import { createDiscordClient, type DiscordClient, type DiscordClientOptions } from '../src/discord/client.js';
import type { EmulatorOptions } from '../src/emulator/app.js';
import type { EmulatorState, PrimaryGuild } from '../src/emulator/state.js';
import { startEmulator } from '../src/emulator/server.js';

export const GUILD_ID = '111111111111111111';
export const OTHER_GUILD_ID = '222222222222222222';
export const CLIENT_ID = '123456789012345678';

export const wornTag = (tag = 'ABCD', guild = GUILD_ID): PrimaryGuild => ({
  identity_guild_id: guild,
  identity_enabled: true,
  tag,
  badge: 'badgehash',
});

export const TOKEN_KEY = 'k'.repeat(43);

export interface Harness {
  app: FastifyInstance;
  config: Config;
  db: Db;
  members: MemberStore;
  discord: DiscordClient;
  emulator: EmulatorState;
  emulatorUrl: string;
  /** Set when the harness listens. */
  appUrl: string;
  clock: { now: number; (): number };
  /** The app's member locks, to share with an in-process refresh as the service does. */
  locks: MemberLocks;
}

export interface HarnessOptions {
  /** Also listen on a loopback port (for callers over real HTTP, such as the emulator's webhooks). */
  listen?: boolean;
  env?: Record<string, string>;
  emulator?: Partial<EmulatorOptions>;
  client?: Pick<DiscordClientOptions, 'timeoutMs' | 'retries' | 'maxRateLimitWaitMs' | 'deadlineMs'>;
}

/**
 * A loopback port the OS picked, held from the start (no window in which a parallel test could take
 * it). Connections go to the HTTP server handed to `serve`; until then, and with no server, they are
 * closed at once, like a service that does not answer. Closed when the test ends.
 */
export async function loopbackListener(
  t: Test,
): Promise<{ port: number; url: string; serve: (server: Server) => void }> {
  const sockets = new Set<Socket>();
  let target: Server | undefined;
  const listener = createNetServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    if (target) target.emit('connection', socket);
    else socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  t.teardown(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => listener.close(resolve));
  });
  const { port } = listener.address() as { port: number };
  return { port, url: `http://127.0.0.1:${port}`, serve: (server) => (target = server) };
}

export function movableClock(start = Date.UTC(2026, 10, 1)): Harness['clock'] {
  const clock = (() => clock.now) as Harness['clock'];
  clock.now = start;
  return clock;
}

export async function harness(t: Test, options: HarnessOptions = {}): Promise<Harness> {
  const clock = movableClock();
  // A listening harness serves at its PUBLIC_URL, so the port is taken before the config is built.
  const listener = options.listen ? await loopbackListener(t) : undefined;
  const publicUrl = options.env?.PUBLIC_URL ?? listener?.url ?? 'http://127.0.0.1:3000';
  const emulator = await startEmulator(
    {
      clientId: CLIENT_ID,
      clientSecret: 'test-client-secret',
      botToken: 'test-bot-token',
      redirectUris: [`${publicUrl}/linked-role/callback`],
      guilds: [{ id: GUILD_ID, name: 'Tag Club', tag: 'ABCD' }],
      clock,
      ...options.emulator,
    },
    { host: '127.0.0.1', port: 0 },
  );
  t.teardown(() => emulator.close());
  const config = loadConfig({
    DISCORD_CLIENT_ID: CLIENT_ID,
    DISCORD_CLIENT_SECRET: 'test-client-secret',
    DISCORD_BOT_TOKEN: 'test-bot-token',
    PUBLIC_URL: publicUrl,
    COOKIE_SECRET: 'test-cookie-secret-that-is-long-enough',
    TAG_GUILD_IDS: GUILD_ID,
    DATABASE_PATH: ':memory:',
    DISCORD_API_URL: `${emulator.url}/api`,
    DISCORD_AUTHORIZE_URL: `${emulator.url}/oauth2/authorize`,
    TOKEN_ENCRYPTION_KEY: TOKEN_KEY,
    RATE_LIMIT_PER_MINUTE: '100000',
    DISCORD_PUBLIC_KEY: emulator.state.publicKeyHex,
    ...options.env,
  });
  const db = openDatabase(config.databasePath);
  t.teardown(() => db.$client.close());
  const discord = createDiscordClient(config, clock, { timeoutMs: 2_000, retries: 1, ...options.client });
  const locks = new MemberLocks();
  const app = await buildApp({ config, db, discord, clock, locks });
  t.teardown(() => app.close());
  const members = new MemberStore(db, sealerFor(config));
  let appUrl = '';
  if (listener) {
    await app.ready();
    listener.serve(app.server);
    appUrl = listener.url;
  }
  return {
    app,
    config,
    db,
    members,
    discord,
    emulator: emulator.state,
    emulatorUrl: emulator.url,
    appUrl,
    clock,
    locks,
  };
}

/** A second app over the harness's database and Discord client whose log lines are kept as text. */
export async function appWithLogs(t: Test, h: Harness, level: 'trace' | 'info' = 'info') {
  const logs = { text: '' };
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logs.text += String(chunk);
      done();
    },
  });
  const app = await buildApp({
    config: h.config,
    db: h.db,
    discord: h.discord,
    clock: h.clock,
    logger: { ...(loggerOptions(level) as object), stream },
  });
  t.teardown(() => app.close());
  /** The lines logged so far, parsed. */
  const lines = () =>
    logs.text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { level: number; msg: string; err?: { fix?: string } });
  return { app, logs, lines };
}

export interface Started {
  location: URL;
  state: string;
  cookie: string;
}

/** GET /linked-role as a browser would, keeping the state cookie. */
export async function startVerification(h: Harness): Promise<Started> {
  const res = await h.app.inject({ method: 'GET', url: '/linked-role' });
  const location = new URL(String(res.headers.location));
  const setCookie = String(res.headers['set-cookie']);
  return { location, state: location.searchParams.get('state') ?? '', cookie: setCookie.split(';')[0]! };
}

/** The whole member journey, from a browser sending `headers`; the member is created in the emulator and approves at once. */
export async function verify(h: Harness, userId: string, started?: Started, headers: Record<string, string> = {}) {
  const s = started ?? (await startVerification(h));
  const code = h.emulator.authorize({
    userId,
    scopes: ['identify', 'role_connections.write'],
    redirectUri: h.config.redirectUri,
  });
  return h.app.inject({
    method: 'GET',
    url: `/linked-role/callback?code=${encodeURIComponent(code)}&state=${encodeURIComponent(s.state)}`,
    headers: { cookie: s.cookie, ...headers },
  });
}

/** API calls the emulator received (the browser pages are not counted). */
export const apiCalls = (h: Harness) => h.emulator.calls.length;

/** Creates members in the emulator and links each through the real verification flow. */
export async function linkMembers(h: Harness, count: number, primaryGuild: PrimaryGuild | null = wornTag()) {
  const users = [];
  for (let i = 0; i < count; i += 1) {
    const user = h.emulator.addUser({ username: `member_${i}`, primary_guild: primaryGuild });
    const res = await verify(h, user.id);
    if (res.statusCode !== 200) throw new Error(`linking ${user.id} failed: ${res.statusCode}`);
    users.push(user);
  }
  h.emulator.calls.length = 0;
  return users;
}

/** An empty working folder for a child process, so a developer's own .env cannot leak into a test. */
export const emptyDir = () => mkdtempSync(join(tmpdir(), 'cwd-'));

export interface CapturedCommand {
  context: CommandContext;
  out: string[];
  err: string[];
  status: string[];
}

/** A command context whose output is captured, as an admin command sees the process. */
export function commandContext(
  argv: string[],
  env: Record<string, string>,
  extra: Partial<CommandContext> = {},
): CapturedCommand {
  const out: string[] = [];
  const err: string[] = [];
  const status: string[] = [];
  const context: CommandContext = {
    argv,
    env,
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    interactive: false,
    tty: false,
    status: (text) => status.push(text),
    ask: async () => '',
    signal: new AbortController().signal,
    ...extra,
  };
  return { context, out, err, status };
}

/** The environment an admin command needs to act on the harness's application and database. */
export function harnessEnv(h: Harness): Record<string, string> {
  return {
    DISCORD_CLIENT_ID: h.config.clientId,
    DISCORD_CLIENT_SECRET: h.config.clientSecret,
    DISCORD_BOT_TOKEN: 'test-bot-token',
    PUBLIC_URL: h.config.publicUrl,
    COOKIE_SECRET: h.config.cookieSecret,
    TAG_GUILD_IDS: h.config.tagGuildIds.join(','),
    TOKEN_ENCRYPTION_KEY: TOKEN_KEY,
    DATABASE_PATH: h.config.databasePath,
    DISCORD_API_URL: h.config.discordApiUrl,
    DISCORD_AUTHORIZE_URL: h.config.discordAuthorizeUrl,
    ...(h.config.discordPublicKey ? { DISCORD_PUBLIC_KEY: h.config.discordPublicKey } : {}),
  };
}
