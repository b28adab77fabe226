import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { runCommand } from '../../src/admin/command.js';
import { EXIT, InterruptedError, UsageError } from '../../src/admin/errors.js';
import { openDatabase, type Db } from '../../src/db/open.js';
import { MisconfiguredError } from '../../src/discord/errors.js';
import { commandContext } from '../helpers.js';

const OPTIONS = { json: { type: 'boolean' }, user: { type: 'string' } } as const;
const dbEnv = (dir: string) => ({ DATABASE_PATH: join(dir, 'x.sqlite') });

t.test('flags and positionals reach the command; --help and bad flags are answered with the usage', async (t) => {
  const ok = commandContext(['--json', '--user', '42', 'file'], dbEnv(t.testdir()));
  let seen: unknown;
  const code = await runCommand<{ json?: boolean; user?: string }>(ok.context, {
    name: 'status',
    usage: 'Usage: x',
    options: OPTIONS,
    positionals: true,
    run: async ({ flags, positionals }) => {
      seen = { flags, positionals };
      return EXIT.ok;
    },
  });
  t.equal(code, EXIT.ok);
  t.same(seen, { flags: { json: true, user: '42' }, positionals: ['file'] });

  const never = async () => t.fail('must not run') as unknown as number;
  const help = commandContext(['--help'], {});
  t.equal(await runCommand(help.context, { name: 'refresh', usage: 'Usage: x', run: never }), EXIT.ok);
  t.match(
    help.out[0],
    /^Usage: x\nNeeds: DISCORD_CLIENT_ID, DISCORD_CLIENT_SECRET, TAG_GUILD_IDS, TOKEN_ENCRYPTION_KEY/,
  );

  const bad = commandContext(['--nope'], {});
  t.equal(await runCommand(bad.context, { name: 'status', usage: 'Usage: x', run: never }), EXIT.unusable);
  t.match(bad.err[0], /Unknown option '--nope'\nUsage: x/);

  const stray = commandContext(['file'], {});
  t.equal(await runCommand(stray.context, { name: 'status', usage: 'Usage: x', run: never }), EXIT.unusable);

  const checked = commandContext([], {});
  const failing = () => {
    throw new UsageError('give exactly one id');
  };
  t.equal(
    await runCommand(checked.context, { name: 'status', usage: 'Usage: x', checkArgs: failing, run: never }),
    EXIT.unusable,
  );
  t.match(checked.err[0], /^give exactly one id\nUsage: x/);
});

t.test('the configuration the command needs is checked before it runs, every problem named', async (t) => {
  const { context, err } = commandContext([], { DISCORD_CLIENT_ID: 'nope' });
  const code = await runCommand(context, { name: 'forget', usage: 'u', run: async () => EXIT.ok });
  t.equal(code, EXIT.unusable);
  t.match(err[0], /DISCORD_CLIENT_ID must be a Discord id/);
  t.match(err[0], /DISCORD_CLIENT_SECRET is required/);
  t.match(err[0], /TOKEN_ENCRYPTION_KEY is required/);
  t.notMatch(err[0], /PUBLIC_URL|TAG_GUILD_IDS/, 'forget needs neither');
});

t.test('the database opens on first use and is closed whatever happens', async (t) => {
  const env = dbEnv(t.testdir());
  openDatabase(env.DATABASE_PATH).$client.close();
  let db: Db | undefined;
  const { context, err } = commandContext([], env);
  const code = await runCommand(context, {
    name: 'status',
    usage: 'u',
    onFailure: 'Nothing was changed.',
    run: async ({ database }) => {
      db = database();
      t.equal(database(), db, 'one connection per command');
      throw new Error('boom');
    },
  });
  t.equal(code, EXIT.failed);
  t.same(err, ['Unexpected failure: boom Nothing was changed.']);
  t.equal(db?.$client.open, false, 'closed after the failure');
  t.ok(existsSync(env.DATABASE_PATH));

  const lazy = commandContext([], { DATABASE_PATH: join(t.testdir(), 'never.sqlite') });
  t.equal(await runCommand(lazy.context, { name: 'status', usage: 'u', run: async () => EXIT.ok }), EXIT.ok);
  t.notOk(existsSync(lazy.context.env.DATABASE_PATH!), 'a command that never asks opens nothing');

  const elsewhere = commandContext([], { DATABASE_PATH: join(t.testdir(), 'typo', 'linked-roles.sqlite') });
  const run = async ({ database }: { database: () => Db }) => (database(), EXIT.ok);
  t.equal(await runCommand(elsewhere.context, { name: 'status', usage: 'u', run }), EXIT.unusable);
  t.match(
    elsewhere.err[0],
    /^Could not open the database at .*typo.*: there is no database there\. Check DATABASE_PATH/,
  );
  t.notOk(existsSync(elsewhere.context.env.DATABASE_PATH!), 'only the service creates one');
});

t.test('exit codes: an unusable database or wrong credentials are 2, a failure of the work is 1', async (t) => {
  const dir = t.testdir();
  mkdirSync(join(dir, 'a-folder.sqlite'));
  const broken = commandContext([], { DATABASE_PATH: join(dir, 'a-folder.sqlite') });
  const open = await runCommand(broken.context, {
    name: 'status',
    usage: 'u',
    run: async ({ database }) => (database(), EXIT.ok),
  });
  t.equal(open, EXIT.unusable);
  t.match(broken.err[0], /^Could not open the database at .*a-folder\.sqlite: /);

  const notDb = join(dir, 'text.sqlite');
  writeFileSync(notDb, 'not a database, just text that is long enough to have a header'.repeat(10));
  const garbage = commandContext([], { DATABASE_PATH: notDb });
  t.equal(
    await runCommand(garbage.context, { name: 'status', usage: 'u', run: async ({ database }) => (database(), 0) }),
    EXIT.unusable,
  );

  const creds = commandContext([], dbEnv(t.testdir()));
  const misconfigured = await runCommand(creds.context, {
    name: 'status',
    usage: 'u',
    onFailure: 'Nothing was changed.',
    run: async () => {
      throw new MisconfiguredError('Discord refused the client credentials', 'Check DISCORD_CLIENT_SECRET.');
    },
  });
  t.equal(misconfigured, EXIT.unusable);
  t.match(creds.err[0], /^Discord refused the client credentials\. Check DISCORD_CLIENT_SECRET\.$/);
});

t.test('a signal stops a command at once with exit 2, unless the command takes it itself', async (t) => {
  const env = dbEnv(t.testdir());
  openDatabase(env.DATABASE_PATH).$client.close();
  const abort = new AbortController();
  const stopped = commandContext([], env, { signal: abort.signal });
  let db: Db | undefined;
  const code = runCommand(stopped.context, {
    name: 'status',
    usage: 'u',
    onFailure: 'Nothing was changed.',
    run: async ({ database }) => {
      db = database();
      abort.abort(new InterruptedError('SIGTERM'));
      return new Promise<number>(() => {}); // a call Discord never answers
    },
  });
  t.equal(await code, EXIT.unusable);
  t.same(stopped.err, [
    'Interrupted (SIGTERM): stopped before the end; run the command again to finish. Nothing was changed.',
  ]);
  t.equal(db?.$client.open, false, 'the database is closed');

  const already = new AbortController();
  already.abort();
  const before = commandContext([], env, { signal: already.signal });
  const never = async () => t.fail('must not run') as unknown as number;
  t.equal(await runCommand(before.context, { name: 'status', usage: 'u', run: never }), EXIT.unusable);
  t.same(before.err, ['Interrupted: stopped before the end; run the command again to finish.']);

  const own = new AbortController();
  const taken = commandContext([], env, { signal: own.signal });
  const finished = await runCommand(taken.context, {
    name: 'status',
    usage: 'u',
    takesSignal: { note: 'finishing the one in flight' },
    run: async ({ signal, out }) => {
      own.abort(new InterruptedError('SIGINT'));
      await Promise.resolve();
      out(`finished, signal seen: ${signal.aborted}`);
      return EXIT.ok;
    },
  });
  t.equal(finished, EXIT.ok, 'its own result');
  t.same(taken.out, ['finished, signal seen: true']);
  t.same(taken.err, ['Interrupted (SIGINT): finishing the one in flight; a second Ctrl-C or SIGTERM stops at once.']);
});
