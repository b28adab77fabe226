import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import t, { type Test } from 'tap';
import { GroupCommit } from '../../src/db/group-commit.js';

/** A file database with a table `t`, and a second connection that sees only what is committed. */
function open(t: Test) {
  const file = join(mkdtempSync(join(tmpdir(), 'group-commit-')), 'g.sqlite');
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.exec('create table t (k text primary key)');
  const other = new Database(file, { readonly: true });
  t.teardown(() => {
    other.close();
    if (sqlite.open) sqlite.close();
  });
  const insert = sqlite.prepare('insert into t values (?)');
  const committed = () => other.prepare('select k from t order by k').pluck().all();
  return { sqlite, committed, write: (k: string) => () => insert.run(k).changes };
}

t.test('writes asked for in one turn share one transaction, committed before any resolves', async (t) => {
  const { sqlite, committed, write } = open(t);
  const commits = new GroupCommit(sqlite);
  const seenDuringSecond: unknown[] = [];
  const first = commits.run(write('a'));
  const second = commits.run(() => {
    seenDuringSecond.push(sqlite.inTransaction, committed());
    return write('b')();
  });
  t.same(committed(), [], 'nothing runs before the turn ends');
  t.same(await Promise.all([first, second]), [1, 1], 'each resolves with its own write’s result');
  t.same(seenDuringSecond, [true, []], 'the second ran in the same, still uncommitted transaction as the first');
  t.same(committed(), ['a', 'b']);
  t.equal(sqlite.inTransaction, false);
  t.equal(await commits.run(write('c')), 1, 'a later turn commits a group of its own');
  t.same(committed(), ['a', 'b', 'c']);
});

t.test('a failed write is undone alone; the others of its group are stored', async (t) => {
  const { sqlite, committed, write } = open(t);
  const commits = new GroupCommit(sqlite);
  const results = await Promise.allSettled([
    commits.run(write('a')),
    commits.run(() => {
      write('b')();
      throw new Error('broke after writing b');
    }),
    commits.run(write('a')), // a duplicate key: SQLite's own error
    commits.run(write('c')),
  ]);
  t.same(
    results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message)),
    [1, 'broke after writing b', 'UNIQUE constraint failed: t.k', 1],
  );
  t.same(committed(), ['a', 'c'], 'b was rolled back with its own write');
});

t.test('a commit that fails rejects every write of the group and stores none of them', async (t) => {
  const { sqlite, committed, write } = open(t);
  const commits = new GroupCommit(sqlite);
  const pending = [commits.run(write('a')), commits.run(write('b'))];
  sqlite.close();
  const results = await Promise.allSettled(pending);
  t.same(
    results.map((r) => r.status),
    ['rejected', 'rejected'],
  );
  t.match((results[0] as PromiseRejectedResult).reason, { message: /not open/ });
  t.same(committed(), []);
});

/** What the connection is asked, in order: its synchronous settings and each write. */
function recorded(t: Test) {
  const db = open(t);
  const seen: string[] = [];
  /** How many of the next FULL settings fail. */
  const failing = { full: 0 };
  const prepare = db.sqlite.prepare.bind(db.sqlite);
  db.sqlite.prepare = ((source: string) => {
    const statement = prepare(source);
    const setting = /^PRAGMA synchronous = (\w+)$/.exec(source)?.[1];
    if (setting === undefined) return statement;
    return Object.assign(Object.create(statement) as object, {
      run: () => {
        seen.push(`${setting}${db.sqlite.inTransaction ? ' (in a transaction)' : ''}`);
        if (setting === 'FULL' && failing.full > 0) {
          failing.full -= 1;
          throw new Error('disk I/O error');
        }
        return statement.run();
      },
    });
  }) as typeof db.sqlite.prepare;
  const write = (k: string) => () => {
    seen.push(`write ${k}`);
    return db.write(k)();
  };
  return { ...db, seen, failing, write };
}

t.test('a group of writes that may be lost commits without waiting for the disk, then FULL again', async (t) => {
  const { sqlite, committed, seen, write } = recorded(t);
  const commits = new GroupCommit(sqlite);
  t.same(
    await Promise.all([commits.run(write('a'), { durable: false }), commits.run(write('b'), { durable: false })]),
    [1, 1],
  );
  t.same(seen, ['NORMAL', 'write a', 'write b', 'FULL'], 'set outside the transaction, where SQLite takes it');
  t.same(committed(), ['a', 'b']);
  seen.length = 0;
  await Promise.all([commits.run(write('c'), { durable: false }), commits.run(write('d'))]);
  t.same(seen, ['write c', 'write d'], 'with a durable write in its group it waits for the disk with it');
  seen.length = 0;
  await commits.run(write('e'));
  t.same(seen, ['write e'], 'a durable group alone never changes the setting');
  t.same(committed(), ['a', 'b', 'c', 'd', 'e']);
});

t.test('a group of writes that may be lost, on a closed database, is rejected, not thrown', async (t) => {
  const { sqlite, committed, write } = recorded(t);
  const commits = new GroupCommit(sqlite);
  const pending = commits.run(write('a'), { durable: false });
  sqlite.close();
  await t.rejects(pending, { message: /not open/ });
  t.same(committed(), []);
});

t.test('when FULL cannot be set again after such a group, no durable write commits before it is', async (t) => {
  const { sqlite, committed, seen, failing, write } = recorded(t);
  const commits = new GroupCommit(sqlite);
  failing.full = 2;
  t.equal(await commits.run(write('a'), { durable: false }), 1, 'the lazy write itself is committed');
  t.same(seen, ['NORMAL', 'write a', 'FULL'], 'and the failure to set FULL again is not thrown');
  seen.length = 0;
  await t.rejects(commits.run(write('b')), { message: 'disk I/O error' }, 'still at NORMAL: refused');
  t.same(seen, ['FULL'], 'FULL is asked for first, and the write never ran');
  seen.length = 0;
  t.equal(await commits.run(write('c')), 1);
  t.same(seen, ['FULL', 'write c'], 'once FULL is set, durable writes go on');
  seen.length = 0;
  await commits.run(write('d'));
  t.same(seen, ['write d'], 'and later groups need not set it again');
  t.same(committed(), ['a', 'c', 'd']);
});
