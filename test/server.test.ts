import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { parseKey, TokenSealer } from '../src/crypto/token-sealer.js';
import { MemberStore } from '../src/db/members.js';
import { openDatabase } from '../src/db/open.js';
import { startScript } from './children.js';
import { CLIENT_ID, emptyDir, GUILD_ID, harness, TOKEN_KEY, wornTag, type Harness } from './helpers.js';
import { waitFor } from './wait-for.js';

// Each test starts its own process; running them side by side halves the wait.
t.jobs = 2;

const start = (t: Test, env: Record<string, string>, args: string[] = [], cwd = emptyDir()) =>
  startScript(t, 'src/server.ts', args, { cwd, env });

/** Everything the service needs, except where Discord is. */
const validEnv = {
  DISCORD_CLIENT_ID: CLIENT_ID,
  DISCORD_CLIENT_SECRET: 'test-client-secret',
  PUBLIC_URL: 'http://127.0.0.1:3000',
  COOKIE_SECRET: 'x'.repeat(40),
  TAG_GUILD_IDS: GUILD_ID,
  PORT: '0',
  TOKEN_ENCRYPTION_KEY: TOKEN_KEY,
};

async function startService(t: Test) {
  const h = await harness(t);
  const dir = mkdtempSync(join(tmpdir(), 'server-'));
  const databasePath = join(dir, 'data', 'db.sqlite');
  return { h, databasePath, ...(await serviceOn(t, h, databasePath)) };
}

async function serviceOn(t: Test, h: Harness, databasePath: string, env: Record<string, string> = {}) {
  const server = start(t, {
    ...validEnv,
    DATABASE_PATH: databasePath,
    DISCORD_API_URL: `${h.emulatorUrl}/api`,
    DISCORD_AUTHORIZE_URL: `${h.emulatorUrl}/oauth2/authorize`,
    ...env,
  });
  const [, url] = await server.waitForOutput(
    /Server listening at (http:\/\/127\.0\.0\.1:\d+)/,
    'the service to listen',
  );
  return { server, url: url! };
}

t.test('a bad environment is reported at once and nothing starts', async (t) => {
  const server = start(t, { DISCORD_CLIENT_ID: 'nope', COOKIE_SECRET: 'short' });
  t.equal(await server.waitForExit(), 2);
  t.match(server.output.err, /Invalid configuration:/);
  t.match(server.output.err, /DISCORD_CLIENT_ID must be a Discord id/);
  t.match(server.output.err, /DISCORD_CLIENT_SECRET is required/);
  t.match(server.output.err, /PUBLIC_URL is required/);
  t.match(server.output.err, /COOKIE_SECRET must be at least 32/);
  t.match(server.output.err, /TAG_GUILD_IDS is required/);
});

t.test('--help lists what the service needs and starts nothing; a stray argument is exit 2', async (t) => {
  // No configuration at all, and a .env that cannot be read: --help needs neither.
  const cwd = emptyDir();
  mkdirSync(join(cwd, '.env'));
  const help = start(t, {}, ['--help'], cwd);
  t.equal(await help.waitForExit(), 0);
  t.match(help.output.out, /^Usage: npm start/);
  t.match(
    help.output.out,
    /\nNeeds: DISCORD_CLIENT_ID, DISCORD_CLIENT_SECRET, PUBLIC_URL, COOKIE_SECRET, TAG_GUILD_IDS, TOKEN_ENCRYPTION_KEY \(or COOKIE_SECRET\)\n/,
  );
  const optional = /\nReads when set: (.+)\n$/.exec(help.output.out)?.[1]?.split(', ');
  t.same(optional?.slice(0, 4), ['DISCORD_BOT_TOKEN', 'DATABASE_PATH', 'HOST', 'PORT'], 'and what it reads when set');
  t.ok(optional?.includes('LIVE_UPDATES'));
  t.notOk(optional?.includes('TOKEN_ENCRYPTION_KEY'), 'each variable is listed once');
  t.equal(help.output.err, '', 'no configuration was read');

  const unknown = start(t, validEnv, ['--port', '3000']);
  t.equal(await unknown.waitForExit(), 2);
  t.match(unknown.output.err, /^Unknown option '--port'.*\nUsage: npm start/s);
  t.equal(unknown.output.out, '', 'nothing started');
  const positional = start(t, validEnv, ['serve']);
  t.equal(await positional.waitForExit(), 2);
  t.match(positional.output.err, /^Unexpected argument 'serve'.*\nUsage: npm start/s);
});

t.test('a database that cannot be opened is named with DATABASE_PATH, exit 2', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'server-'));
  const notDatabase = join(dir, 'notes.txt');
  writeFileSync(notDatabase, 'x'.repeat(4096));
  const file = start(t, { ...validEnv, DATABASE_PATH: notDatabase });
  t.equal(await file.waitForExit(), 2);
  t.match(file.output.err, `Could not open the database at DATABASE_PATH=${notDatabase}: file is not a database.`);
  t.match(file.output.err, /Point DATABASE_PATH at an SQLite file/);
  t.notMatch(file.output.err, /could not start|\n\s+at /, 'one sentence, no stack trace');

  // A relative path is named as written and as resolved from the working directory.
  const folder = start(t, { ...validEnv, DATABASE_PATH: '.' }, [], dir);
  t.equal(await folder.waitForExit(), 2);
  t.match(folder.output.err, `Could not open the database at DATABASE_PATH=. (${realpathSync(dir)}): `);
  t.equal(folder.output.out, '', 'nothing started');
});

t.test('the real service serves; SIGTERM during a verification lets it finish, member complete', async (t) => {
  const { h, server, url, databasePath } = await startService(t);
  const user = h.emulator.addUser({ username: 'ana', primary_guild: wornTag() });
  const start = await fetch(`${url}/linked-role`, { redirect: 'manual' });
  t.equal(start.status, 302, 'the real service serves');
  t.match(start.headers.get('location'), `${h.emulatorUrl}/oauth2/authorize?`);
  const cookie = start.headers.get('set-cookie')!.split(';')[0]!;
  const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
  const code = h.emulator.authorize({
    userId: user.id,
    scopes: ['identify', 'role_connections.write'],
    redirectUri: 'http://127.0.0.1:3000/linked-role/callback',
  });
  h.emulator.addFault({ kind: 'hold', target: 'role-connection', times: 1 });
  const page = fetch(`${url}/linked-role/callback?code=${code}&state=${state}`, { headers: { cookie } });
  await waitFor(() => h.emulator.held.count === 1, { what: 'the role-connection PUT to be held in flight' });
  server.child.kill('SIGTERM');
  await server.waitForOutput(/shutting down/, 'the service to start shutting down');
  t.equal(h.emulator.held.release(), 1, 'the PUT was still in flight when shutdown began');
  const res = await page;
  t.equal(res.status, 200, 'the request in flight was finished');
  t.match(await res.text(), /You wear \[ABCD\]/);
  t.equal(await server.waitForExit(), 0);
  t.notMatch(server.output.out, /test-client-secret/);
  const db = openDatabase(databasePath);
  t.teardown(() => db.$client.close());
  const member = new MemberStore(db, new TokenSealer(parseKey(TOKEN_KEY)!)).get(user.id)!;
  t.ok(member.accessToken && member.refreshToken, 'tokens stored');
  t.same(member.pushedMetadata, { tag_worn: '1', tag_streak_days: '0', tag_total_days: '0' }, 'push recorded');
  t.same(h.emulator.getRoleConnection(user.id)?.metadata, member.pushedMetadata);
});

t.test('two services on one database: one gateway session, and a tag change reaches Discord live', async (t) => {
  const h = await harness(t, { emulator: { identifyIntervalMs: 0 } });
  const databasePath = join(mkdtempSync(join(tmpdir(), 'server-')), 'db.sqlite');
  const env = { DISCORD_BOT_TOKEN: 'test-bot-token' };
  const first = await serviceOn(t, h, databasePath, env);
  await first.server.waitForOutput(/gateway session identified/, 'the first service to identify');
  const second = await serviceOn(t, h, databasePath, env);
  const metrics = async (url: string) => (await fetch(`${url}/metrics`)).text();
  t.match(await metrics(second.url), /gateway_state\{state="connected"\} 1/, 'either service reports the session');

  const user = h.emulator.addUser({ username: 'ana', primary_guild: wornTag() });
  h.emulator.addGuildMember(GUILD_ID, user.id);
  await linkThrough(first.url, h, user.id);
  h.emulator.setPrimaryGuild(user.id, null);
  await waitFor(() => h.emulator.getRoleConnection(user.id)?.metadata.tag_worn === '0', {
    what: 'the role connection to follow the tag live',
  });
  t.equal(h.emulator.gateway.stats().connections, 1, 'only one of the two services is connected');
  t.equal(h.emulator.gateway.stats().identifies, 1);
  t.notMatch(first.server.output.out + second.server.output.out, /test-bot-token/);
});

/** A member's whole verification against a running service, as a browser would do it. */
async function linkThrough(url: string, h: Harness, userId: string) {
  const start = await fetch(`${url}/linked-role`, { redirect: 'manual' });
  const cookie = start.headers.get('set-cookie')!.split(';')[0]!;
  const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
  const code = h.emulator.authorize({
    userId,
    scopes: ['identify', 'role_connections.write'],
    redirectUri: 'http://127.0.0.1:3000/linked-role/callback',
  });
  const res = await fetch(`${url}/linked-role/callback?code=${code}&state=${state}`, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`verification failed: ${res.status}`);
}
