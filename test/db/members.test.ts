import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import t from 'tap';
import { SealError, TokenSealer } from '../../src/crypto/token-sealer.js';
import { historyOf, MemberStore } from '../../src/db/members.js';
import { openDatabase } from '../../src/db/open.js';

const tokens = {
  accessToken: 'a1',
  refreshToken: 'r1',
  expiresAt: 5_000,
  scopes: ['identify', 'role_connections.write'],
};
const sealer = new TokenSealer(Buffer.alloc(32, 1));

t.test('opening creates the folder, enables WAL and applies migrations', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'db-'));
  const db = openDatabase(join(dir, 'nested', 'linked.sqlite'));
  t.teardown(() => db.$client.close());
  t.equal(db.$client.pragma('journal_mode', { simple: true }), 'wal');
  const tables = db.$client.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[];
  t.ok(tables.some((r) => r.name === 'members'));
  openDatabase(join(dir, 'nested', 'linked.sqlite')).$client.close(); // migrating twice is harmless
});

t.test('a verification upserts one row and keeps its creation time', async (t) => {
  const db = openDatabase(':memory:');
  t.teardown(() => db.$client.close());
  const members = new MemberStore(db, sealer);
  t.equal(historyOf(members.get('u1')), null);
  members.saveVerification('u1', tokens, { wearingSince: 1_000, wornMsBefore: 0, lastObservedAt: 1_000 }, 1_000);
  members.saveVerification(
    'u1',
    { ...tokens, accessToken: 'a2', refreshToken: 'r2' },
    { wearingSince: 1_000, wornMsBefore: 0, lastObservedAt: 2_000 },
    2_000,
  );
  const row = members.get('u1')!;
  t.match(row, {
    accessToken: 'a2',
    refreshToken: 'r2',
    createdAt: 1_000,
    linkedAt: 2_000,
    linkStatus: 'linked',
    scopes: 'identify role_connections.write',
    revision: 1,
  });
  t.same(historyOf(row), { wearingSince: 1_000, wornMsBefore: 0, lastObservedAt: 2_000 });
  t.same(members.history('u1'), historyOf(row), 'history() reads the same history');
  t.equal(members.history('u2'), null, 'a stranger has none');
  members.savePushed(
    'u1',
    { platformName: 'Server Tag', platformUsername: 'ABCD', metadata: { tag_worn: '1' } },
    3_000,
  );
  t.match(members.get('u1'), { pushedMetadata: { tag_worn: '1' }, pushedPlatformUsername: 'ABCD', pushedAt: 3_000 });
  await members.committed(() => members.saveVerification('u1', tokens, historyOf(row)!, 4_000));
  t.match(
    members.get('u1'),
    { accessToken: 'a1', linkedAt: 4_000, pushedMetadata: null, pushedPlatformUsername: null, pushedAt: null },
    'a new verification stores its tokens and forgets what was pushed until savePushed says again',
  );
  t.ok(members.delete('u1'));
  t.equal(members.get('u1'), undefined);
  t.notOk(members.delete('u1'));
});

t.test('openDatabase sets FULL; savePushed goes with the transaction it is in', async (t) => {
  // better-sqlite3 is built with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1, which `PRAGMA synchronous` does
  // not show (it reads 2 either way), so what is asked of the connection is what can be checked.
  const pragmas = t.capture(Database.prototype, 'pragma');
  const db = openDatabase(':memory:');
  t.teardown(() => db.$client.close());
  t.ok(
    pragmas.args().some(([source]) => /^synchronous = FULL$/i.test(String(source))),
    'openDatabase sets FULL explicitly',
  );
  const members = new MemberStore(db, sealer);
  members.saveVerification('u1', tokens, { wearingSince: null, wornMsBefore: 0, lastObservedAt: 1 }, 1);
  const pushed = { platformName: 'Server Tag', platformUsername: 'ABCD', metadata: { tag_worn: '1' } };
  members.savePushed('u1', pushed, 2);
  // As the bench seeds: many in one transaction (the service runs it with committedLazily).
  db.$client.transaction(() => {
    members.saveVerification('u1', tokens, { wearingSince: null, wornMsBefore: 0, lastObservedAt: 1 }, 3);
    members.savePushed('u1', { ...pushed, platformUsername: 'EFGH' }, 3);
  })();
  t.match(members.get('u1'), { pushedPlatformUsername: 'EFGH', pushedAt: 3 });
});

t.test('writers that read an old revision lose the race', async (t) => {
  const db = openDatabase(':memory:');
  t.teardown(() => db.$client.close());
  const members = new MemberStore(db, sealer);
  members.saveVerification('u1', tokens, { wearingSince: null, wornMsBefore: 0, lastObservedAt: 1 }, 1);
  const read = members.get('u1')!;
  members.saveVerification('u1', { ...tokens, refreshToken: 'newer' }, historyOf(read)!, 2);
  t.notOk(members.replaceTokens('u1', read.revision, { ...tokens, refreshToken: 'stale' }, 3));
  t.notOk(members.saveCheck('u1', read.revision, historyOf(read)!, null, 3));
  t.notOk(members.markRevoked('u1', read.revision, 3));
  t.equal(members.get('u1')?.refreshToken, 'newer');
  t.ok(members.markRevoked('u1', null, 4));
  t.match(members.get('u1'), { linkStatus: 'revoked', accessToken: null, refreshToken: null });
});

t.test('tokens are sealed in the file and re-sealed under a new key', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'db-'));
  const path = join(dir, 'db.sqlite');
  const db = openDatabase(path);
  t.teardown(() => db.$client.close());
  const oldKey = Buffer.alloc(32, 7);
  const newKey = Buffer.alloc(32, 9);
  new MemberStore(db, new TokenSealer(oldKey)).saveVerification(
    'u1',
    { ...tokens, accessToken: 'plain-access', refreshToken: 'plain-refresh' },
    { wearingSince: null, wornMsBefore: 0, lastObservedAt: 1 },
    1,
  );
  const raw = db.$client.prepare('select access_token as a from members').get() as { a: string };
  t.match(raw.a, /^v1\.[0-9a-f]{8}\./);
  t.throws(() => new MemberStore(db, new TokenSealer(newKey)).get('u1'), /unknown key/);
  const rotated = new MemberStore(db, new TokenSealer(newKey, [oldKey]));
  t.equal(rotated.get('u1')?.accessToken, 'plain-access', 'old keys still open');
  t.equal(rotated.resealAll(), 1);
  t.equal(rotated.resealAll(), 0, 'nothing left to re-seal');
  t.equal(new MemberStore(db, new TokenSealer(newKey)).get('u1')?.refreshToken, 'plain-refresh');
});

t.test('a pair another process stores while the keys are rotated is never overwritten', async (t) => {
  const path = join(mkdtempSync(join(tmpdir(), 'db-')), 'db.sqlite');
  const db = openDatabase(path);
  t.teardown(() => db.$client.close());
  const oldKey = Buffer.alloc(32, 7);
  const newKey = Buffer.alloc(32, 9);
  const history = { wearingSince: null, wornMsBefore: 0, lastObservedAt: 1 };
  new MemberStore(db, new TokenSealer(oldKey)).saveVerification('u1', tokens, history, 1);
  // The refresh job in another process, rotating the pair the moment rotate-keys looks at the row.
  const other = openDatabase(path);
  t.teardown(() => other.$client.close());
  other.$client.pragma('busy_timeout = 0');
  const job = new MemberStore(other, new TokenSealer(newKey, [oldKey]));
  const rotate = () => job.replaceTokens('u1', job.get('u1')!.revision, { ...tokens, refreshToken: 'rotated' }, 2);
  let tried = false;
  let stored = false;
  class RacedSealer extends TokenSealer {
    override isStale(sealed: Parameters<TokenSealer['isStale']>[0]): boolean {
      if (!tried) {
        tried = true;
        try {
          stored = rotate();
        } catch (error) {
          // Refused while the page is being re-sealed: the job's write waits its turn.
          if (!/busy|locked/i.test(String(error))) throw error;
        }
      }
      return super.isStale(sealed);
    }
  }
  t.equal(new MemberStore(db, new RacedSealer(newKey, [oldKey])).resealAll(), 1);
  if (!stored) t.ok(rotate(), 'the job stores its pair once the page is written back');
  t.equal(new MemberStore(db, new TokenSealer(newKey, [oldKey])).get('u1')?.refreshToken, 'rotated');
});

t.test('a rotated pair whose commit is refused for a while is stored when the lock comes free', async (t) => {
  const path = join(mkdtempSync(join(tmpdir(), 'db-')), 'db.sqlite');
  const db = openDatabase(path);
  t.teardown(() => db.$client.close());
  db.$client.pragma('busy_timeout = 0');
  const store = new MemberStore(db, sealer);
  store.saveVerification('u1', tokens, { wearingSince: null, wornMsBefore: 0, lastObservedAt: 1 }, 1);
  // Another process holds the write lock from the moment Discord has rotated the pair.
  const other = new Database(path);
  t.teardown(() => other.close());
  const commit = store.committed.bind(store);
  let commits = 0;
  store.committed = async (write) => {
    commits += 1;
    try {
      return await commit(write);
    } finally {
      if (commits === 2) other.exec('COMMIT');
    }
  };
  const rotated = await store.rotateTokens(
    'u1',
    store.get('u1')!.revision,
    () => 2,
    async () => {
      other.exec('BEGIN IMMEDIATE');
      return { ...tokens, refreshToken: 'rotated' };
    },
    () => false,
  );
  t.match(rotated, { stored: true });
  t.equal(commits, 3, 'refused once, then stored');
  t.match(store.get('u1'), { refreshToken: 'rotated', refreshStartedAt: null });
});

t.test('the history of a row reads without opening its tokens', async (t) => {
  const db = openDatabase(':memory:');
  t.teardown(() => db.$client.close());
  const history = { wearingSince: 5, wornMsBefore: 7, lastObservedAt: 9 };
  new MemberStore(db, sealer).saveVerification('u1', tokens, history, 9);
  const otherKey = new MemberStore(db, new TokenSealer(Buffer.alloc(32, 7)));
  t.throws(() => otherKey.get('u1'), SealError, 'the tokens do not open under another key');
  t.same(otherKey.history('u1'), history, 'the history does');
});
