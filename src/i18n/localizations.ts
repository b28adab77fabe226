// A text in every language we have, as Discord wants it in `name_localizations` and
// `description_localizations`: a map from Discord locale code to text.
import type { TextKey } from './catalog.js';
import { LOCALES, type Locale } from './locales.js';
import { translator } from './translate.js';

export function localizationsOf(key: TextKey): Record<Locale, string> {
  return Object.fromEntries(LOCALES.map((locale) => [locale, translator(locale).t(key)])) as Record<Locale, string>;
}
