import t from 'tap';
import {
  bestLocale,
  directionOf,
  LOCALES,
  localeFromHeader,
  localeOfMember,
  parseAcceptLanguage,
} from '../../src/i18n/locales.js';

t.test('Accept-Language is read by quality, then order; junk, * and q=0 are left out', async (t) => {
  t.same(parseAcceptLanguage('fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5'), ['fr-CH', 'fr', 'en', 'de']);
  t.same(parseAcceptLanguage('de;q=0.2, ja, ko;q=0.9'), ['ja', 'ko', 'de']);
  t.same(parseAcceptLanguage('en;q=0, !!bad!!, sv-se ;q=0.5, tr;q=2'), ['sv-SE']);
  t.same(parseAcceptLanguage(''), []);
  t.same(parseAcceptLanguage(undefined), []);
});

t.test('a header finds the nearest language we have, or en-US', async (t) => {
  const cases: [string | undefined, string][] = [
    [undefined, 'en-US'],
    ['', 'en-US'],
    ['de-AT,de;q=0.9', 'de'],
    ['pt-PT', 'pt-BR'],
    ['zh-HK', 'zh-TW'],
    ['zh-Hant', 'zh-TW'],
    ['zh', 'zh-CN'],
    ['es-MX', 'es-419'],
    ['es', 'es-ES'],
    ['en-AU', 'en-GB'],
    ['en', 'en-US'],
    ['sv', 'sv-SE'],
    ['fr-CA', 'fr'],
    ['uk-UA', 'uk'],
    ['da, de;q=0.5', 'de'],
    ['xx-unknown', 'en-US'],
    ['*', 'en-US'],
    ['not a tag at all', 'en-US'],
  ];
  for (const [header, expected] of cases) t.equal(localeFromHeader(header), expected, String(header));
});

t.test("a member's Discord locale comes first, through the same matcher", async (t) => {
  for (const locale of LOCALES) t.equal(localeOfMember(locale, 'ja'), locale, `${locale} is ours as it is`);
  t.equal(localeOfMember('ja', 'de'), 'ja', 'the Discord locale wins over the browser');
  t.equal(localeOfMember('da', 'fr'), 'fr', 'a Discord language we lack falls back to the browser');
  t.equal(localeOfMember('hi'), 'en-US');
  t.equal(localeOfMember(undefined, 'ko'), 'ko');
  t.equal(localeOfMember(null), 'en-US');
  t.equal(bestLocale(['??', 'it-CH']), 'it', 'junk tags are skipped');
});

t.test('answers stay right however many distinct or long headers arrive', async (t) => {
  const answers = Array.from({ length: 1200 }, (_, i) =>
    localeFromHeader(`fr-BE, en;q=0.${String(i).padStart(4, '0')}`),
  );
  t.same(new Set(answers), new Set(['fr']), '1,200 distinct headers, more than are remembered');
  t.equal(localeFromHeader(`ko, ${'xx, '.repeat(100)}`), 'ko', 'a long header is matched, not remembered');
  t.equal(localeOfMember('pl', `ko, ${'xx, '.repeat(100)}`), 'pl');
  t.equal(localeFromHeader('fr-BE'), 'fr', 'and asked again');
});

t.test('the writing direction follows the language', async (t) => {
  t.equal(directionOf('de'), 'ltr');
  t.equal(directionOf('zh-TW'), 'ltr');
  t.equal(directionOf('ar-EG'), 'rtl');
  t.equal(directionOf('he'), 'rtl');
});
