import { linkSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import t, { type Test } from 'tap';
import { runBackup } from '../../src/admin/backup.js';
import { InterruptedError } from '../../src/admin/errors.js';
import { commandContext, harness, linkMembers } from '../helpers.js';

async function backupHarness(t: Test) {
  const dir = t.testdir();
  const path = join(dir, 'db.sqlite');
  const h = await harness(t, { env: { DATABASE_PATH: path } });
  await linkMembers(h, 2);
  const backup = async (argv: string[], extra: Parameters<typeof commandContext>[2] = {}) => {
    const run = commandContext(argv, { DATABASE_PATH: path }, extra);
    const code = await runBackup(run.context);
    return { code, out: run.out.join('\n'), err: run.err.join('\n') };
  };
  return { dir, path, h, backup };
}

const count = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('select count(*) as n from members').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

t.test('an empty target, a folder or the database itself is a usage error, exit 2, nothing written', async (t) => {
  const { dir, path, backup } = await backupHarness(t);
  const folder = join(dir, 'backups');
  mkdirSync(folder);
  const before = readFileSync(path);
  const relativeToDb = relative(process.cwd(), path);
  const linked = join(dir, 'hard-link.sqlite');
  linkSync(path, linked);
  const symlinked = join(dir, 'sym-link.sqlite');
  symlinkSync(path, symlinked);
  for (const [argv, message] of [
    [[''], /^the target file name is empty; give the file to write the copy to\nUsage: npm run backup/],
    [['  ', '--force'], /^the target file name is empty/],
    [
      [folder, '--force'],
      `${folder} is a folder; give the file to write the copy to, e.g. ${join(folder, 'linked-roles.sqlite')}\nUsage:`,
    ],
    [[join(path, 'under-a-file', 'copy.sqlite')], `there is no folder ${join(path, 'under-a-file')} to write into`],
    [[path, '--force'], `${path} is the database itself (DATABASE_PATH=${path}); write the copy to another file`],
    [[path], `${path} is the database itself`],
    [[relativeToDb, '--force'], `${relativeToDb} is the database itself`],
    [[linked, '--force'], `${linked} is the database itself`],
    [[symlinked, '--force'], `${symlinked} is the database itself`],
    [[`${path}-wal`, '--force'], `${path}-wal is the database's -wal file`],
    [[`${path}-shm`, '--force'], `${path}-shm is the database's -shm file`],
  ] as const) {
    const run = await backup([...argv]);
    t.equal(run.code, 2, argv.join(' '));
    t.match(run.err, message, argv.join(' '));
    t.notMatch(run.err, /Unexpected failure/);
    t.equal(run.out, '', 'nothing backed up');
  }
  t.same(readdirSync(folder), [], 'nothing written into the folder');
  t.equal(count(path), 2, 'the database is intact');
  t.ok(readFileSync(path).equals(before), 'and unchanged');
});

t.test('the copy is renamed onto the target once complete; --force replaces an older one', async (t) => {
  const { dir, h, backup } = await backupHarness(t);
  const target = join(dir, 'copy.sqlite');
  writeFileSync(target, 'an older backup');
  const run = await backup([target, '--force']);
  t.equal(run.code, 0, run.err);
  t.match(run.out, /Backed up .*db\.sqlite to .*copy\.sqlite \(\d+ bytes\)/);
  t.same(
    readdirSync(dir).filter((name) => !name.startsWith('db.sqlite')),
    ['copy.sqlite'],
    'no partial file is left beside it',
  );
  t.equal(count(target), 2);
  t.ok(h.db.$client.open);
});

t.test('an interrupted backup leaves neither a partial file nor a changed target, exit 2', async (t) => {
  const { dir, backup } = await backupHarness(t);
  const target = join(dir, 'copy.sqlite');
  writeFileSync(target, 'an older backup');
  const abort = new AbortController();
  abort.abort(new InterruptedError('SIGINT'));
  const run = await backup([target, '--force'], { signal: abort.signal });
  t.equal(run.code, 2, run.err);
  t.equal(run.err, 'Interrupted (SIGINT): stopped before the end; run the command again to finish.');
  t.equal(readFileSync(target, 'utf8'), 'an older backup', 'the older backup is untouched');
  t.same(
    readdirSync(dir).filter((name) => !name.startsWith('db.sqlite')),
    ['copy.sqlite'],
    'no partial file is left',
  );
});
