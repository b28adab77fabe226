// Seeds linked members for the refresh benchmark without OAuth flows (too slow at 100,000): rows go
// straight into SQLite through the service's own MemberStore and TokenSealer (so tokens are sealed
// exactly as the service seals them), in transactions of thousands; the emulator gets the same users
// with live grants for the same tokens through POST /_emulator/seed.
import { randomBytes } from 'node:crypto';
import { DEFAULTS } from '../../src/config.js';
import { TokenSealer } from '../../src/crypto/token-sealer.js';
import { MemberStore } from '../../src/db/members.js';
import { openDatabase } from '../../src/db/open.js';
import { computeConnection, DAY_MS, type TagHistory } from '../../src/metadata/connection.js';
import { GUILD, memberId, SCOPES, TOKEN_KEY_HEX, TOKEN_TTL_SECONDS, wornTag } from './fixture.js';
import { HttpClient, pool } from './http.js';

const BATCH = 5_000;
const HOUR_MS = 3_600_000;

export interface Seeded {
  ids: string[];
  dbSeconds: number;
  emulatorSeconds: number;
}

/**
 * `count` members who verified earlier, all wearing the tag, each with the role connection Discord
 * already holds recorded as pushed: a refresh right after finds nothing to change. Their streak sits
 * mid-day (10.5 days), so no day boundary passes during the benchmark.
 */
export async function seedMembers(
  emulator: HttpClient,
  dbPath: string,
  count: number,
  idBase: number,
): Promise<Seeded> {
  const nonce = randomBytes(4).toString('hex');
  const ids = Array.from({ length: count }, (_, i) => memberId(idBase, i));
  const tokens = (i: number) => ({ accessToken: `bench-a.${nonce}.${i}`, refreshToken: `bench-r.${nonce}.${i}` });
  const username = (i: number) => `member_${i}`;
  const now = Date.now();

  const dbStart = performance.now();
  const db = openDatabase(dbPath);
  try {
    const store = new MemberStore(db, new TokenSealer(Buffer.from(TOKEN_KEY_HEX, 'hex')));
    const settings = { tagGuildIds: [GUILD.id], platformName: DEFAULTS.platformName };
    const previous: TagHistory = {
      wearingSince: now - 10 * DAY_MS - 12 * HOUR_MS,
      wornMsBefore: 3 * DAY_MS,
      lastObservedAt: now - HOUR_MS,
    };
    const expiresAt = now + TOKEN_TTL_SECONDS * 1000;
    for (let start = 0; start < count; start += BATCH) {
      db.$client.transaction(() => {
        for (let i = start; i < Math.min(count, start + BATCH); i += 1) {
          const id = ids[i]!;
          const connection = computeConnection(
            { username: username(i), primary_guild: wornTag },
            previous,
            now,
            settings,
          );
          store.saveVerification(id, { ...tokens(i), expiresAt, scopes: SCOPES }, connection.history, now);
          store.savePushed(id, connection, now);
        }
      })();
    }
  } finally {
    db.$client.close();
  }
  const dbSeconds = (performance.now() - dbStart) / 1000;

  const emulatorStart = performance.now();
  for (let start = 0; start < count; start += BATCH) {
    const users = [];
    for (let i = start; i < Math.min(count, start + BATCH); i += 1) {
      users.push({ id: ids[i], username: username(i), primary_guild: wornTag, ...tokens(i) });
    }
    // All are members of the tag server, as members who can wear its tag are: the job reads them from its list.
    await emulator.json('POST', '/_emulator/seed', {
      users,
      scopes: SCOPES,
      expiresIn: TOKEN_TTL_SECONDS,
      guildIds: [GUILD.id],
    });
  }
  return { ids, dbSeconds, emulatorSeconds: (performance.now() - emulatorStart) / 1000 };
}

/** Every `1 / share`-th member takes the tag off in the emulated Discord; returns how many. */
export async function takeTagsOff(emulator: HttpClient, ids: readonly string[], share: number): Promise<number> {
  const step = Math.round(1 / share);
  const chosen = ids.filter((_, i) => i % step === 0);
  await pool(chosen.length, 16, async (i) => {
    await emulator.json('PUT', `/_emulator/users/${chosen[i]}/primary-guild`, null);
  });
  return chosen.length;
}
