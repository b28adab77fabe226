import t from 'tap';
import {
  advanceHistory,
  computeConnection,
  DAY_MS,
  EMPTY_HISTORY,
  METADATA_SCHEMA,
  observeTag,
  type TagHistory,
} from '../../src/metadata/connection.js';
import { LOCALES } from '../../src/i18n/locales.js';

const GUILD = '111111111111111111';
const OTHER = '222222222222222222';
const settings = { tagGuildIds: [GUILD], platformName: 'Server Tag' };
const pg = (
  over: Partial<{ identity_guild_id: string | null; identity_enabled: boolean | null; tag: string | null }>,
) => ({
  identity_guild_id: GUILD,
  identity_enabled: true,
  tag: 'ABCD',
  badge: 'hash',
  ...over,
});
const T0 = Date.UTC(2026, 0, 1);

t.test('the tag counts only when enabled and from a configured guild', async (t) => {
  t.same(observeTag(pg({}), [GUILD]), { status: 'worn', worn: true, tag: 'ABCD', guildId: GUILD });
  t.equal(observeTag(pg({}), [OTHER, GUILD]).worn, true, 'any configured guild counts');
  t.equal(observeTag(pg({ identity_enabled: false }), [GUILD]).status, 'switched-off');
  t.equal(observeTag(pg({ identity_enabled: null }), [GUILD]).status, 'cleared', 'stale guild id kept by Discord');
  t.equal(observeTag(pg({ identity_enabled: null, identity_guild_id: null, tag: null }), [GUILD]).status, 'no-tag');
  t.same(
    observeTag(pg({ tag: null }), [GUILD]),
    { status: 'cleared', worn: false, tag: null, guildId: GUILD },
    'enabled but without text: not shown',
  );
  t.equal(observeTag(pg({ identity_guild_id: OTHER, tag: 'XYZ' }), [GUILD]).status, 'other-guild');
  t.equal(observeTag(pg({ identity_guild_id: null }), [GUILD]).status, 'other-guild');
  for (const hidden of [{ identity_enabled: false }, { identity_enabled: null }, { tag: null }]) {
    const { status } = observeTag(pg({ identity_guild_id: OTHER, tag: 'XYZ', ...hidden }), [GUILD]);
    t.equal(status, 'no-tag', `another server's tag, not displayed (${JSON.stringify(hidden)}): nothing to switch on`);
  }
  t.equal(observeTag(null, [GUILD]).status, 'no-tag');
  t.equal(observeTag(undefined, [GUILD]).status, 'no-tag');
});

t.test('metadata values are strings and follow the worn flag', async (t) => {
  const worn = computeConnection({ username: 'ana', primary_guild: pg({}) }, null, T0, settings);
  t.same(worn.metadata, { tag_worn: '1', tag_streak_days: '0', tag_total_days: '0' });
  t.equal(worn.platformUsername, 'ABCD');
  t.equal(worn.platformName, 'Server Tag');
  const notWorn = computeConnection(
    { username: 'ana', primary_guild: pg({ identity_enabled: null }) },
    null,
    T0,
    settings,
  );
  t.same(notWorn.metadata, { tag_worn: '0', tag_streak_days: '0', tag_total_days: '0' });
  t.equal(notWorn.platformUsername, 'ana');
  const missingKey = computeConnection({ username: 'bo' }, null, T0, settings);
  t.equal(missingKey.metadata.tag_worn, '0');
  t.same(Object.keys(worn.metadata).sort(), METADATA_SCHEMA.map((r) => r.key).sort(), 'computed keys = schema keys');
});

t.test('streak and total days advance over runs', async (t) => {
  const worn = { username: 'ana', primary_guild: pg({}) };
  const off = { username: 'ana', primary_guild: pg({ identity_enabled: false }) };
  let h: TagHistory | null = null;
  const at = (days: number) => T0 + days * DAY_MS;
  const step = (user: typeof worn, days: number) => {
    const c = computeConnection(user, h, at(days), settings);
    h = c.history;
    return c.metadata;
  };
  t.same(step(worn, 0), { tag_worn: '1', tag_streak_days: '0', tag_total_days: '0' });
  t.same(step(worn, 2.5), { tag_worn: '1', tag_streak_days: '2', tag_total_days: '2' });
  t.same(step(worn, 3), { tag_worn: '1', tag_streak_days: '3', tag_total_days: '3' });
  // Taken off: the run is counted up to the last time we saw it on (day 3).
  t.same(step(off, 5), { tag_worn: '0', tag_streak_days: '0', tag_total_days: '3' });
  t.same(step(off, 6), { tag_worn: '0', tag_streak_days: '0', tag_total_days: '3' });
  t.same(step(worn, 10), { tag_worn: '1', tag_streak_days: '0', tag_total_days: '3' });
  t.same(step(worn, 12), { tag_worn: '1', tag_streak_days: '2', tag_total_days: '5' });
  t.same(h, { wearingSince: at(10), wornMsBefore: 3 * DAY_MS, lastObservedAt: at(12) });
});

t.test('history never goes negative when the clock steps back', async (t) => {
  const h = advanceHistory({ wearingSince: T0, wornMsBefore: 0, lastObservedAt: T0 - 5 }, false, T0 + 1);
  t.same(h, { wearingSince: null, wornMsBefore: 0, lastObservedAt: T0 + 1 });
  const back = computeConnection(
    { username: 'a', primary_guild: pg({}) },
    { ...EMPTY_HISTORY, wearingSince: T0 },
    T0 - DAY_MS,
    settings,
  );
  t.equal(back.metadata.tag_streak_days, '0');
});

t.test('the schema obeys Discord limits', async (t) => {
  t.ok(METADATA_SCHEMA.length <= 5);
  for (const record of METADATA_SCHEMA) {
    t.match(record.key, /^[a-z0-9_]{1,50}$/);
    t.ok(record.name.length >= 1 && record.name.length <= 100, record.key);
    t.ok(record.description.length >= 1 && record.description.length <= 200, record.key);
  }
});

t.test('every record is in every language we have, within Discord limits', async (t) => {
  for (const record of METADATA_SCHEMA) {
    t.same(Object.keys(record.name_localizations).sort(), [...LOCALES].sort(), `${record.key} names`);
    t.same(Object.keys(record.description_localizations).sort(), [...LOCALES].sort(), `${record.key} descriptions`);
    for (const name of Object.values(record.name_localizations)) t.ok(name.length >= 1 && name.length <= 100, name);
    for (const text of Object.values(record.description_localizations))
      t.ok(text.length >= 1 && text.length <= 200, text);
    t.equal(record.name_localizations['en-US'], record.name, 'en-US is the default text');
    t.equal(record.name_localizations.de === record.name, false, `${record.key} is translated`);
  }
  t.equal(METADATA_SCHEMA[0].name_localizations.fr, 'Porte le tag du serveur');
  t.equal(METADATA_SCHEMA[0].name_localizations['zh-TW'], '配戴伺服器標籤');
});
