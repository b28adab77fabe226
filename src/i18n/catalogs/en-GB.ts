// British English: the same words as American English here; dates and numbers differ, and Intl
// formats those, so the catalog only has to exist for Discord's en-GB members to be matched to it.
import type { Catalog } from '../catalog.js';
import { enUS } from './en-US.js';

export const enGB: Catalog = { ...enUS };
