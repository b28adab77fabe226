// Texts of one language with their placeholders filled, and numbers, dates and lists in that
// language's own conventions (all through Intl, so nothing here knows a language by hand).
import type { Catalog, PluralForms, PluralKey, TextKey } from './catalog.js';
import { CATALOGS } from './catalogs/index.js';
import { DEFAULT_LOCALE, directionOf, type Locale } from './locales.js';

/** Placeholder values: numbers are formatted, lists joined ("a and b") in the page's language. */
export type Params<P = never> = Record<string, string | number | readonly string[] | P>;

/** A text to show later, in whichever language the page turns out to need. */
export type Message = { key: TextKey; params?: Params } | { key: PluralKey; count: number; params?: Params };

const PLACEHOLDER = /\{(\w+)\}/g;

/** The `{name}` placeholders of a text, for checks that every language keeps them. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!).sort();
}

export interface Translator {
  locale: Locale;
  dir: 'ltr' | 'rtl';
  /** A text with its placeholders filled (numbers formatted for the language). */
  t(key: TextKey, params?: Params): string;
  /** The text in the plural form `count` takes in this language; `{count}` is the formatted number. */
  plural(key: PluralKey, count: number, params?: Params): string;
  /**
   * The text split around its placeholders, each replaced by its value as given: lets a caller put
   * markup in a sentence without the translation containing any.
   */
  parts<P>(key: TextKey, params: Params<P>): (string | P)[];
  /** A message in this language. */
  say(message: Message): string;
  number(value: number): string;
  /** A date (no time), in UTC: we do not know the member's time zone. */
  date(ms: number): string;
  /** "a, b and c" in the language's own way. */
  list(items: readonly string[]): string;
}

const isList = (v: unknown): v is readonly string[] => Array.isArray(v);

const translators = new Map<Locale, Translator>();
const DAY_MS = 86_400_000;
const REMEMBERED_DAYS = 400;

/** The translator of `locale`; cached, since the Intl formatters are costly to build. */
export function translator(locale: Locale): Translator {
  let found = translators.get(locale);
  if (!found) {
    found = build(locale, CATALOGS[locale]);
    translators.set(locale, found);
  }
  return found;
}

/** English, for logs and admin output. */
export const english = (): Translator => translator(DEFAULT_LOCALE);

/**
 * Made on first use: every language's translator is built at start-up (for the metadata schema's
 * names), and each formatter loads its language's ICU data, about 11 MB of memory in all.
 */
function once<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

function build(locale: Locale, catalog: Catalog): Translator {
  const numbers = once(() => new Intl.NumberFormat(locale));
  const dates = once(() => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }));
  const lists = once(() => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }));
  const plurals = once(() => new Intl.PluralRules(locale));
  // Formatting a date costs tens of microseconds and pages show few distinct days: keep recent ones.
  const days = new Map<number, string>();
  const date = (ms: number): string => {
    const day = Math.floor(ms / DAY_MS);
    let text = days.get(day);
    if (text === undefined) {
      if (days.size >= REMEMBERED_DAYS) days.clear();
      days.set(day, (text = dates().format(day * DAY_MS)));
    }
    return text;
  };
  const value = (v: string | number | readonly string[]): string =>
    typeof v === 'number' ? numbers().format(v) : isList(v) ? lists().format(v) : v;
  const isPlain = (v: unknown): v is string | number | readonly string[] =>
    typeof v === 'string' || typeof v === 'number' || isList(v);

  function split<P>(text: string, params: Params<P>): (string | P)[] {
    const out: (string | P)[] = [];
    let last = 0;
    for (const m of text.matchAll(PLACEHOLDER)) {
      out.push(text.slice(last, m.index));
      const given = params[m[1]!];
      out.push(given === undefined ? m[0] : isPlain(given) ? value(given) : given);
      last = m.index + m[0].length;
    }
    out.push(text.slice(last));
    return out.filter((part) => part !== '');
  }
  const fill = (text: string, params: Params = {}) =>
    text.replace(PLACEHOLDER, (whole, name: string) => {
      const given = params[name];
      return given === undefined ? whole : value(given);
    });

  return {
    locale,
    dir: directionOf(locale),
    t: (key, params) => fill(catalog[key], params),
    plural: (key, count, params) => {
      const forms: PluralForms = catalog[key];
      return fill(forms[plurals().select(count)] ?? forms.other, { ...params, count });
    },
    parts: (key, params) => split(catalog[key], params),
    say(message) {
      return 'count' in message
        ? this.plural(message.key, message.count, message.params)
        : this.t(message.key, message.params);
    },
    number: (n) => numbers().format(n),
    date,
    list: (items) => lists().format(items),
  };
}
