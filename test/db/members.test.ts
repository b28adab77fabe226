import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { getMember, historyOf, savePushed, saveVerification } from '../../src/db/members.js';
import { openDatabase } from '../../src/db/open.js';

const tokens = {
  accessToken: 'a1',
  refreshToken: 'r1',
  expiresAt: 5_000,
  scopes: ['identify', 'role_connections.write'],
};

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
  t.equal(historyOf(getMember(db, 'u1')), null);
  saveVerification(db, 'u1', tokens, { wearingSince: 1_000, wornMsBefore: 0, lastObservedAt: 1_000 }, 1_000);
  saveVerification(
    db,
    'u1',
    { ...tokens, accessToken: 'a2', refreshToken: 'r2' },
    { wearingSince: 1_000, wornMsBefore: 0, lastObservedAt: 2_000 },
    2_000,
  );
  const row = getMember(db, 'u1')!;
  t.match(row, {
    accessToken: 'a2',
    refreshToken: 'r2',
    createdAt: 1_000,
    linkedAt: 2_000,
    linkStatus: 'linked',
    scopes: 'identify role_connections.write',
  });
  t.same(historyOf(row), { wearingSince: 1_000, wornMsBefore: 0, lastObservedAt: 2_000 });
  savePushed(db, 'u1', { platformName: 'Server Tag', platformUsername: 'ABCD', metadata: { tag_worn: '1' } }, 3_000);
  t.match(getMember(db, 'u1'), { pushedMetadata: { tag_worn: '1' }, pushedPlatformUsername: 'ABCD', pushedAt: 3_000 });
});
