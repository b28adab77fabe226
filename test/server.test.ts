import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { CLIENT_ID, emptyDir, GUILD_ID, harness, scriptArgs } from './helpers.js';

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

t.test('the real service starts, serves, and stops on SIGTERM', async (t) => {
  const h = await harness(t);
  const dir = mkdtempSync(join(tmpdir(), 'server-'));
  const server = start({
    DISCORD_CLIENT_ID: CLIENT_ID,
    DISCORD_CLIENT_SECRET: 'test-client-secret',
    PUBLIC_URL: 'http://127.0.0.1:3000',
    COOKIE_SECRET: 'x'.repeat(40),
    TAG_GUILD_IDS: GUILD_ID,
    DATABASE_PATH: join(dir, 'data', 'db.sqlite'),
    PORT: '0',
    DISCORD_API_URL: `${h.emulatorUrl}/api`,
    DISCORD_AUTHORIZE_URL: `${h.emulatorUrl}/oauth2/authorize`,
  });
  let url: string | undefined;
  while (!url) {
    const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(server.output.out);
    if (match) url = match[1];
    else await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const res = await fetch(`${url}/linked-role`, { redirect: 'manual' });
  t.equal(res.status, 302);
  t.match(res.headers.get('location'), `${h.emulatorUrl}/oauth2/authorize?`);
  server.child.kill('SIGTERM');
  t.equal(await server.exited, 0);
  t.notMatch(server.output.out, /test-client-secret/);
});

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
