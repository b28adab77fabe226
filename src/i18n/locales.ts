// Which languages we speak and how a request picks one: Discord's own locale codes, matched with
// CLDR's language distances (so pt-PT finds pt-BR, zh-HK finds zh-TW, es-MX finds es-419).
import { match } from '@formatjs/intl-localematcher';

/** Discord's locale codes of the languages we have a catalog for. */
export const LOCALES = [
  'en-US',
  'en-GB',
  'de',
  'fr',
  'es-ES',
  'es-419',
  'pt-BR',
  'it',
  'nl',
  'pl',
  'ru',
  'uk',
  'tr',
  'sv-SE',
  'ja',
  'ko',
  'zh-CN',
  'zh-TW',
] as const;

export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en-US';

const RIGHT_TO_LEFT = new Set<string>(['ar', 'he', 'fa', 'ur']);

/** The writing direction of a locale, for `<html dir>`. */
export function directionOf(locale: string): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(locale.split('-')[0]!) ? 'rtl' : 'ltr';
}

/** A well-formed BCP 47 tag, or null: Intl throws on junk, and headers are whatever a client sends. */
function canonical(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

/** The tags of an Accept-Language header, most preferred first; `*` and q=0 are left out. */
export function parseAcceptLanguage(header: string | undefined): string[] {
  if (!header) return [];
  const entries = header
    .split(',')
    .slice(0, 20)
    .flatMap((part, index) => {
      const [rawTag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
      const quality = q === undefined ? 1 : Number(q);
      const tag = rawTag.trim() === '*' ? null : canonical(rawTag.trim());
      return tag && quality > 0 && quality <= 1 ? [{ tag, quality, index }] : [];
    });
  return entries.sort((a, b) => b.quality - a.quality || a.index - b.index).map((e) => e.tag);
}

/** The best of our locales for the tags, in order of preference; the default when none is close. */
export function bestLocale(requested: readonly string[]): Locale {
  const valid = requested.flatMap((tag) => canonical(tag) ?? []);
  return valid.length === 0 ? DEFAULT_LOCALE : (match(valid, LOCALES, DEFAULT_LOCALE) as Locale);
}

// Browsers send a handful of distinct headers, and matching one costs tens of microseconds:
// remember the answers, all forgotten whenever the memory fills, so junk headers cannot grow it.
const chosen = new Map<string, Locale>();
const REMEMBERED = 500;

function remembered(key: string, choose: () => Locale): Locale {
  const known = chosen.get(key);
  if (known) return known;
  const locale = choose();
  if (key.length > 200) return locale;
  if (chosen.size >= REMEMBERED) chosen.clear();
  chosen.set(key, locale);
  return locale;
}

/** The page language for a request that has only its Accept-Language header. */
export function localeFromHeader(header: string | undefined): Locale {
  return remembered(`|${header ?? ''}`, () => bestLocale(parseAcceptLanguage(header)));
}

/** The page language of a member whose Discord locale we know (falls back to the header's choice). */
export function localeOfMember(discordLocale: string | undefined | null, header?: string): Locale {
  if (!discordLocale) return localeFromHeader(header);
  return remembered(`${discordLocale}|${header ?? ''}`, () =>
    bestLocale([discordLocale, ...parseAcceptLanguage(header)]),
  );
}
