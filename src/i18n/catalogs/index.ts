// Every catalog by its Discord locale code: adding a language is a file here and a line in LOCALES.
import type { Catalog } from '../catalog.js';
import type { Locale } from '../locales.js';
import { de } from './de.js';
import { enGB } from './en-GB.js';
import { enUS } from './en-US.js';
import { es419 } from './es-419.js';
import { esES } from './es-ES.js';
import { fr } from './fr.js';
import { it } from './it.js';
import { ja } from './ja.js';
import { ko } from './ko.js';
import { nl } from './nl.js';
import { pl } from './pl.js';
import { ptBR } from './pt-BR.js';
import { ru } from './ru.js';
import { svSE } from './sv-SE.js';
import { tr } from './tr.js';
import { uk } from './uk.js';
import { zhCN } from './zh-CN.js';
import { zhTW } from './zh-TW.js';

export const CATALOGS: Record<Locale, Catalog> = {
  'en-US': enUS,
  'en-GB': enGB,
  de,
  fr,
  'es-ES': esES,
  'es-419': es419,
  'pt-BR': ptBR,
  it,
  nl,
  pl,
  ru,
  uk,
  tr,
  'sv-SE': svSE,
  ja,
  ko,
  'zh-CN': zhCN,
  'zh-TW': zhTW,
};
