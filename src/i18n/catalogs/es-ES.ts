import type { Catalog } from '../catalog.js';
import { enUS } from './en-US.js';
export const esES: Catalog = { ...enUS };
