import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { parseKey, TokenSealer } from '../src/crypto/token-sealer.js';
import { MemberStore } from '../src/db/members.js';
import { openDatabase } from '../src/db/open.js';
import { CLIENT_ID, emptyDir, GUILD_ID, harness, scriptArgs, TOKEN_KEY, wornTag } from './helpers.js';

// Each test starts its own process; running them side by side halves the wait.
t.jobs = 2;

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, scriptArgs('src/server.ts'), {
    cwd: emptyDir(),
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { out: '', err: '' };
  child.stdout.on('data', (d) => (output.out += d));
  child.stderr.on('data', (d) => (output.err += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return { child, output, exited };
}

async function startService(t: Test) {
  const h = await harness(t);
  const dir = mkdtempSync(join(tmpdir(), 'server-'));
  const databasePath = join(dir, 'data', 'db.sqlite');
  const server = start({
    DISCORD_CLIENT_ID: CLIENT_ID,
    DISCORD_CLIENT_SECRET: 'test-client-secret',
    PUBLIC_URL: 'http://127.0.0.1:3000',
    COOKIE_SECRET: 'x'.repeat(40),
    TAG_GUILD_IDS: GUILD_ID,
    DATABASE_PATH: databasePath,
    PORT: '0',
    TOKEN_ENCRYPTION_KEY: TOKEN_KEY,
    DISCORD_API_URL: `${h.emulatorUrl}/api`,
    DISCORD_AUTHORIZE_URL: `${h.emulatorUrl}/oauth2/authorize`,
  });
  let url: string | undefined;
  while (!url) {
    const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(server.output.out);
    if (match) url = match[1];
    else await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { h, server, url, databasePath };
}

t.test('a bad environment is reported at once and nothing starts', async (t) => {
  const server = start({ DISCORD_CLIENT_ID: 'nope', COOKIE_SECRET: 'short' });
  t.equal(await server.exited, 2);
  t.match(server.output.err, /Invalid configuration:/);
  t.match(server.output.err, /DISCORD_CLIENT_ID must be a Discord id/);
  t.match(server.output.err, /DISCORD_CLIENT_SECRET is required/);
  t.match(server.output.err, /PUBLIC_URL is required/);
  t.match(server.output.err, /COOKIE_SECRET must be at least 32/);
  t.match(server.output.err, /TAG_GUILD_IDS is required/);
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
  h.emulator.addFault({ kind: 'latency', target: 'role-connection', ms: 400, times: 1 });
  const page = fetch(`${url}/linked-role/callback?code=${code}&state=${state}`, { headers: { cookie } });
  while (!h.emulator.calls.some((c) => c.route === '/users/@me')) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await new Promise((resolve) => setTimeout(resolve, 50)); // the role-connection PUT is now in flight
  server.child.kill('SIGTERM');
  const res = await page;
  t.equal(res.status, 200, 'the request in flight was finished');
  t.match(await res.text(), /You wear \[ABCD\]/);
  t.equal(await server.exited, 0);
  t.match(server.output.out, /shutting down/);
  t.notMatch(server.output.out, /test-client-secret/);
  const db = openDatabase(databasePath);
  t.teardown(() => db.$client.close());
  const member = new MemberStore(db, new TokenSealer(parseKey(TOKEN_KEY)!)).get(user.id)!;
  t.ok(member.accessToken && member.refreshToken, 'tokens stored');
  t.same(member.pushedMetadata, { tag_worn: '1', tag_streak_days: '0', tag_total_days: '0' }, 'push recorded');
  t.same(h.emulator.getRoleConnection(user.id)?.metadata, member.pushedMetadata);
});
