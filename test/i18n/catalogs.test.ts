import t from 'tap';
import { CATALOGS } from '../../src/i18n/catalogs/index.js';
import { enUS } from '../../src/i18n/catalogs/en-US.js';
import { LOCALES } from '../../src/i18n/locales.js';
import { placeholdersOf, translator } from '../../src/i18n/translate.js';

const english = enUS as Record<string, string | Record<string, string>>;
const forms = (value: string | Record<string, string>) => (typeof value === 'string' ? [value] : Object.values(value));

t.test('every language has a catalog, and every catalog has exactly the English keys', async (t) => {
  t.same(Object.keys(CATALOGS).sort(), [...LOCALES].sort());
  for (const locale of LOCALES) {
    t.same(Object.keys(CATALOGS[locale]).sort(), Object.keys(english).sort(), locale);
  }
});

t.test('every text keeps the English placeholders, no more, no fewer', async (t) => {
  const wrong: string[] = [];
  for (const locale of LOCALES) {
    const catalog = CATALOGS[locale] as Record<string, string | Record<string, string>>;
    for (const [key, source] of Object.entries(english)) {
      const expected = JSON.stringify(placeholdersOf(forms(source).at(-1)!));
      const value = catalog[key]!;
      if (typeof value !== typeof source) wrong.push(`${locale} ${key}: text where English has plural forms or back`);
      for (const text of forms(value)) {
        if (JSON.stringify(placeholdersOf(text)) !== expected) wrong.push(`${locale} ${key}: "${text}"`);
        if (text.trim() !== text || text === '') wrong.push(`${locale} ${key}: empty or padded`);
      }
    }
  }
  t.same(wrong, []);
});

t.test('plural entries have a text for each plural category of their language, and only those', async (t) => {
  const wrong: string[] = [];
  for (const locale of LOCALES) {
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories.slice().sort();
    for (const [key, value] of Object.entries(CATALOGS[locale])) {
      if (typeof value === 'string') continue;
      const have = Object.keys(value).sort();
      if (JSON.stringify(have) !== JSON.stringify(categories)) wrong.push(`${locale} ${key}: ${have.join(',')}`);
    }
  }
  t.same(wrong, []);
});

t.test('plurals, numbers, dates and lists follow each language', async (t) => {
  const ru = translator('ru');
  t.same(
    [1, 2, 5, 11, 21, 22, 1.5].map((n) => ru.plural('result.days', n)),
    ['1 день', '2 дня', '5 дней', '11 дней', '21 день', '22 дня', '1,5 дня'],
  );
  const pl = translator('pl');
  t.same(
    [1, 3, 5, 22, 25].map((n) => pl.plural('result.days', n)),
    ['1 dzień', '3 dni', '5 dni', '22 dni', '25 dni'],
  );
  t.same(
    [0, 1, 2].map((n) => translator('en-US').plural('result.days', n)),
    ['0 days', '1 day', '2 days'],
  );
  t.equal(translator('ja').plural('result.days', 1), '1日', 'one form in Japanese');
  t.equal(translator('de').plural('result.days', 1234), '1.234 Tage', 'numbers formatted for the language');
  t.equal(
    translator('fr').plural('result.days', 1_000_000),
    '1\u202f000\u202f000 de jours',
    'French groups digits with a narrow space',
  );
  const day = Date.UTC(2026, 0, 5, 23, 30);
  t.equal(translator('de').date(day), '5. Januar 2026');
  t.equal(translator('en-GB').date(day), '5 January 2026');
  t.equal(translator('en-US').date(day), 'January 5, 2026');
  t.equal(translator('ja').date(day), '2026年1月5日');
  t.equal(translator('en-US').date(Date.UTC(2026, 0, 5)), 'January 5, 2026', 'the same day at midnight');
  t.equal(translator('en-US').date(Date.UTC(2026, 0, 6)), 'January 6, 2026', 'the next day is a day of its own');
  t.equal(translator('en-US').date(Date.UTC(1969, 11, 31, 12)), 'December 31, 1969', 'a day before 1970');
  t.equal(translator('de').list(['a', 'b', 'c']), 'a, b und c');
  t.equal(
    translator('de').t('error.missingScope.text', { scopes: ['identify', 'role_connections.write'] }),
    'Discord hat identify und role_connections.write nicht erteilt. Bitte starte neu und erlaube es.',
  );
  t.equal(translator('de').say({ key: 'error.rateLimited.text', count: 1 }).includes('1 Sekunde'), true);
  t.equal(translator('en-US').t('home.title'), '{platform} linked roles', 'a missing value keeps its placeholder');
});

t.test('parts leaves markup to the caller and fills everything else', async (t) => {
  const badge = { badge: true };
  t.same(translator('fr').parts('result.otherGuild.text', { tag: badge }), [
    'Tu portes ',
    badge,
    ', qui appartient à un autre serveur.',
  ]);
  t.same(translator('en-US').parts('home.title', { platform: 'X' }), ['X', ' linked roles']);
  t.same(translator('en-US').parts('home.title', {}), ['{platform}', ' linked roles']);
  t.same(translator('de').parts('error.badState.used', {}), ['Diese Anmeldung wurde schon benutzt. Bitte starte neu.']);
});
