import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { runForget } from '../../src/admin/forget.js';
import { runRotateKeys } from '../../src/admin/rotate-keys.js';
import { TokenSealer, parseKey } from '../../src/crypto/token-sealer.js';
import { MemberStore } from '../../src/db/members.js';
import { commandContext, harness, linkMembers, TOKEN_KEY } from '../helpers.js';

const NEW_KEY = 'a'.repeat(64);

t.test('tokens are unreadable in the database file', async (t) => {
  const path = join(mkdtempSync(join(tmpdir(), 'sealed-')), 'db.sqlite');
  const h = await harness(t, { env: { DATABASE_PATH: path } });
  const users = await linkMembers(h, 3);
  const secrets = users.flatMap((u) => {
    const m = h.members.get(u.id)!;
    return [m.accessToken!, m.refreshToken!];
  });
  t.equal(secrets.length, 6);
  const raw = [path, `${path}-wal`]
    .filter((file) => existsSync(file))
    .map((file) => readFileSync(file).toString('latin1'))
    .join('');
  t.ok(raw.includes(users[0]!.id), 'the file was read (it holds the user ids)');
  for (const secret of secrets) t.notOk(raw.includes(secret), 'no token in the raw file');
});

t.test('npm run rotate-keys re-seals every row under the new key', async (t) => {
  const path = join(mkdtempSync(join(tmpdir(), 'rotate-')), 'db.sqlite');
  const h = await harness(t, { env: { DATABASE_PATH: path } });
  const [user] = await linkMembers(h, 2);
  const before = h.members.get(user!.id)!;
  const env = { DATABASE_PATH: path, TOKEN_ENCRYPTION_KEY: NEW_KEY, TOKEN_ENCRYPTION_KEYS_OLD: TOKEN_KEY };
  const run = commandContext([], env);
  t.equal(await runRotateKeys(run.context), 0, run.err.join('\n'));
  t.match(run.out[0], /^Re-sealed the tokens of 2 members under key [0-9a-f]{8}\./);
  const onlyNew = new MemberStore(h.db, new TokenSealer(parseKey(NEW_KEY)!));
  t.equal(onlyNew.get(user!.id)?.refreshToken, before.refreshToken, 'opens with the new key alone');

  const again = commandContext([], env);
  t.equal(await runRotateKeys(again.context), 0);
  t.match(again.out[0], /of 0 members/);

  const missingOld = commandContext([], { DATABASE_PATH: path, TOKEN_ENCRYPTION_KEY: TOKEN_KEY });
  t.equal(await runRotateKeys(missingOld.context), 2, 'a key the configuration lacks');
  t.match(missingOld.err[0], /unknown key [0-9a-f]{8}: add it to TOKEN_ENCRYPTION_KEYS_OLD/);

  const bad = commandContext([], { DATABASE_PATH: path, TOKEN_ENCRYPTION_KEY: 'short' });
  t.equal(await runRotateKeys(bad.context), 2);
  t.match(bad.err[0], /TOKEN_ENCRYPTION_KEY must be exactly 32 bytes/);
  const args = commandContext(['--now'], env);
  t.equal(await runRotateKeys(args.context), 2);
});

t.test('rotate-keys and forget answer --help, and refuse arguments they do not take', async (t) => {
  const h = await harness(t);
  const env = { DATABASE_PATH: h.config.databasePath, TOKEN_ENCRYPTION_KEY: TOKEN_KEY };
  const rotateHelp = commandContext(['--help'], env);
  t.equal(await runRotateKeys(rotateHelp.context), 0);
  t.match(rotateHelp.out.join('\n'), /Usage: npm run rotate-keys\n {2}re-seals every stored token/);
  const extra = commandContext(['now'], env);
  t.equal(await runRotateKeys(extra.context), 2);
  t.match(extra.err.join('\n'), /Unexpected argument 'now'[\s\S]*Usage: npm run rotate-keys/);

  const forgetHelp = commandContext(['--help'], env);
  t.equal(await runForget(forgetHelp.context), 0);
  t.match(forgetHelp.out.join('\n'), /Usage: npm run forget -- <discord user id>/);
  const unknownFlag = commandContext(['--all'], env);
  t.equal(await runForget(unknownFlag.context), 2);
  t.match(unknownFlag.err.join('\n'), /Unknown option '--all'/);
});
