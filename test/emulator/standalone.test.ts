import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { ConfigError, loadConfig } from '../../src/config.js';
import { STANDALONE_VARIABLES, standaloneSettings } from '../../src/emulator/standalone.js';
import { startScript } from '../children.js';
import { emptyDir } from '../helpers.js';

t.test('the standalone emulator reads its environment, with defaults', async (t) => {
  const settings = standaloneSettings({
    EMULATOR_PORT: '4100',
    PUBLIC_URL: 'https://roles.example.org/',
    TAG_GUILD_IDS: '222222222222222222:ABCD, 333333333333333333',
  });
  if ('problems' in settings) throw new Error(settings.problems.join('; '));
  t.equal(settings.port, 4100);
  t.equal(settings.host, '127.0.0.1');
  t.same(settings.options.redirectUris, ['https://roles.example.org/linked-role/callback']);
  t.same(
    settings.options.guilds?.map((guild) => [guild.id, guild.tag]),
    [
      ['222222222222222222', 'ABCD'],
      ['333333333333333333', 'TAG2'],
    ],
  );
  const defaults = standaloneSettings({});
  t.equal('port' in defaults && defaults.port, 3999);
});

t.test('every mistake in its environment is named at once', async (t) => {
  const settings = standaloneSettings({
    EMULATOR_PORT: '70000',
    PUBLIC_URL: 'roles.example.org',
    TAG_GUILD_IDS: '12,333333333333333333:TOOLONG,444444444444444444:AB:CD,555555555555555555:',
    DISCORD_CLIENT_ID: 'app',
  });
  t.same('problems' in settings && settings.problems, [
    'EMULATOR_PORT must be a whole number from 0 to 65535, got "70000"',
    'PUBLIC_URL must be the service\'s http(s) URL, got "roles.example.org"',
    'TAG_GUILD_IDS: "12" is not a Discord id (17 to 20 digits)',
    'TAG_GUILD_IDS: the tag of 333333333333333333 must be 1 to 4 characters, got "TOOLONG"',
    'TAG_GUILD_IDS: the tag of 444444444444444444 must be 1 to 4 characters, got "AB:CD"',
    'TAG_GUILD_IDS: the tag of 555555555555555555 must be 1 to 4 characters, got ""',
    'DISCORD_CLIENT_ID must be a Discord id (17 to 20 digits)',
  ]);
  const words = standaloneSettings({ EMULATOR_PORT: 'abc' });
  t.match('problems' in words && words.problems[0], /EMULATOR_PORT .* got "abc"/);
});

t.test('npm run emulator: a bad setting or a taken port is a sentence and an exit code, not a stack', async (t) => {
  const bad = startScript(t, 'scripts/emulator.ts', [], { cwd: tmpdir(), env: { EMULATOR_PORT: 'x' } });
  t.equal(await bad.waitForExit(), 2);
  t.match(bad.output.err, /^The emulator cannot start:\n {2}- EMULATOR_PORT must be a whole number/);
  t.notMatch(bad.output.err, /\n\s+at /, 'no stack trace');

  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise((resolve) => taken.close(resolve)));
  const port = String((taken.address() as { port: number }).port);
  const busy = startScript(t, 'scripts/emulator.ts', [], { cwd: tmpdir(), env: { EMULATOR_PORT: port } });
  t.equal(await busy.waitForExit(), 1);
  t.match(busy.output.err, new RegExp(`^The emulator cannot listen on 127\\.0\\.0\\.1:${port}: EADDRINUSE$`, 'm'));
  t.notMatch(busy.output.err, /\n\s+at /, 'no stack trace');

  const good = startScript(t, 'scripts/emulator.ts', [], { cwd: tmpdir(), env: { EMULATOR_PORT: '0' } });
  const [, url] = await good.waitForOutput(/listening on (http:\S+)/, 'the emulator to listen');
  t.equal((await fetch(`${url}/`)).status, 200, 'it answers');
  good.child.kill('SIGTERM');
  t.equal(await good.waitForExit(), 0, 'and stops on SIGTERM');
});

t.test('PUBLIC_URL by the service’s rule: the redirect URI registered is the one it sends', async (t) => {
  const service = (url: string) => {
    try {
      return loadConfig({ PUBLIC_URL: url }, 'status').redirectUri;
    } catch (error) {
      if (error instanceof ConfigError) return null;
      throw error;
    }
  };
  const emulator = (url: string) => {
    const settings = standaloneSettings({ PUBLIC_URL: url });
    return 'problems' in settings ? null : settings.options.redirectUris[0];
  };
  const urls = [
    'http://x.org/?q=1',
    'http://x.org/?',
    'http://x.org/#',
    'http://x.org/roles#top',
    'http://user:pw@x.org',
    'ftp://x.org',
    'x.org',
    'HTTP://X.ORG:80/Roles/',
    'https://roles.example.org/',
    'http://127.0.0.1:3000',
  ];
  for (const url of urls) t.equal(emulator(url), service(url), url);
  t.same(standaloneSettings({ PUBLIC_URL: 'http://x.org/?q=1' }), {
    problems: ['PUBLIC_URL must not contain credentials, a query or a fragment, got "http://x.org/?q=1"'],
  });
  t.equal(emulator('HTTP://X.ORG:80/Roles/'), 'http://x.org/Roles/linked-role/callback');
});

t.test('npm run emulator -- --help lists what it reads; a stray argument is exit 2', async (t) => {
  const help = startScript(t, 'scripts/emulator.ts', ['--help'], { cwd: emptyDir(), env: { EMULATOR_PORT: 'x' } });
  t.equal(await help.waitForExit(), 0);
  t.match(help.output.out, /^Usage: npm run emulator/);
  for (const [name] of STANDALONE_VARIABLES) t.match(help.output.out, new RegExp(`\\n {2}${name}: `), name);
  t.match(help.output.out, /EMULATOR_PORT: the listen port \(default 3999\)/);
  t.equal(help.output.err, '', 'nothing was read or started');

  const unknown = startScript(t, 'scripts/emulator.ts', ['--port', '1'], { cwd: emptyDir(), env: {} });
  t.equal(await unknown.waitForExit(), 2);
  t.match(unknown.output.err, /^Unknown option '--port'.*\nUsage: npm run emulator/s);
  t.equal(unknown.output.out, '', 'nothing started');
});

t.test('npm run emulator reads .env in its working directory; real environment variables win', async (t) => {
  const cwd = emptyDir();
  writeFileSync(join(cwd, '.env'), 'DISCORD_CLIENT_ID=app-from-dotenv\nEMULATOR_PORT=port-from-dotenv\n');
  const run = startScript(t, 'scripts/emulator.ts', [], { cwd, env: { EMULATOR_PORT: '0' } });
  t.equal(await run.waitForExit(), 2);
  t.equal(
    run.output.err,
    'The emulator cannot start:\n  - DISCORD_CLIENT_ID must be a Discord id (17 to 20 digits)\n',
    'the id comes from .env, the port from the environment',
  );
});
