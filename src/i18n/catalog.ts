// The shape every catalog has: the English catalog's keys, each a text or a set of plural forms.
import type { enUS } from './catalogs/en-US.js';

/** One text per CLDR plural category the language uses; `other` always. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

type English = typeof enUS;

/** A catalog: exactly the English keys, texts where English has a text, plural forms where it has them. */
export type Catalog = { [K in keyof English]: English[K] extends string ? string : PluralForms };

export type MessageKey = keyof English;
/** Keys of plain texts. */
export type TextKey = { [K in MessageKey]: English[K] extends string ? K : never }[MessageKey];
/** Keys of texts that change with a count (`{count}`). */
export type PluralKey = Exclude<MessageKey, TextKey>;
