import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import t from 'tap';
import { standaloneSettings } from '../../src/emulator/standalone.js';
import { startScript } from '../children.js';

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
