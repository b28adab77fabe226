// What pushing our schema would change on Discord, record by record, and which changes could break
// role requirements that server admins already set up (a removed or retyped key).
import type { APIApplicationRoleConnectionMetadata as MetadataRecord } from 'discord-api-types/v10';

export const TYPE_NAMES: Record<number, string> = {
  1: 'INTEGER_LESS_THAN_OR_EQUAL',
  2: 'INTEGER_GREATER_THAN_OR_EQUAL',
  3: 'INTEGER_EQUAL',
  4: 'INTEGER_NOT_EQUAL',
  5: 'DATETIME_LESS_THAN_OR_EQUAL',
  6: 'DATETIME_GREATER_THAN_OR_EQUAL',
  7: 'BOOLEAN_EQUAL',
  8: 'BOOLEAN_NOT_EQUAL',
};

const FIELDS = ['type', 'name', 'description', 'name_localizations', 'description_localizations'] as const;
type Field = (typeof FIELDS)[number];

export interface FieldChange {
  field: Field;
  from: unknown;
  to: unknown;
}

export interface SchemaDiff {
  added: MetadataRecord[];
  removed: MetadataRecord[];
  changed: { key: string; changes: FieldChange[] }[];
  /** Same records, different order (Discord shows them in list order). */
  reordered: boolean;
  /** Changes that can silently break role requirements servers already use. */
  dangerous: string[];
}

/** Discord may answer null, {} or nothing for "no localizations"; all mean the same. */
function normalized(record: MetadataRecord, field: Field): unknown {
  const value = record[field];
  if (field === 'name_localizations' || field === 'description_localizations') {
    if (value === null || value === undefined) return {};
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
  }
  return value;
}

export function diffSchema(current: readonly MetadataRecord[], desired: readonly MetadataRecord[]): SchemaDiff {
  const before = new Map(current.map((r) => [r.key, r]));
  const after = new Map(desired.map((r) => [r.key, r]));
  const diff: SchemaDiff = { added: [], removed: [], changed: [], reordered: false, dangerous: [] };
  for (const record of desired) {
    const old = before.get(record.key);
    if (!old) {
      diff.added.push(record);
      continue;
    }
    const changes = FIELDS.flatMap((field) => {
      const from = normalized(old, field);
      const to = normalized(record, field);
      return JSON.stringify(from) === JSON.stringify(to) ? [] : [{ field, from, to }];
    });
    if (changes.length > 0) diff.changed.push({ key: record.key, changes });
    if (old.type !== record.type) {
      diff.dangerous.push(
        `${record.key} changes type from ${TYPE_NAMES[old.type] ?? old.type} to ${TYPE_NAMES[record.type] ?? record.type}`,
      );
    }
  }
  for (const record of current) {
    if (!after.has(record.key)) {
      diff.removed.push(record);
      diff.dangerous.push(`${record.key} is removed`);
    }
  }
  const commonOrder = (list: readonly MetadataRecord[], other: Map<string, MetadataRecord>) =>
    list
      .filter((r) => other.has(r.key))
      .map((r) => r.key)
      .join(',');
  diff.reordered = commonOrder(current, after) !== commonOrder(desired, before);
  return diff;
}

export function isEmptyDiff(diff: SchemaDiff): boolean {
  return diff.added.length + diff.removed.length + diff.changed.length === 0 && !diff.reordered;
}

const show = (value: unknown) =>
  typeof value === 'number' ? (TYPE_NAMES[value] ?? String(value)) : JSON.stringify(value);

const isLocalized = (field: Field) => field === 'name_localizations' || field === 'description_localizations';
type Texts = Record<string, string>;

function describeRecord(sign: string, verb: string, record: MetadataRecord): string[] {
  const lines = [`${sign} ${verb} ${record.key} (${TYPE_NAMES[record.type] ?? record.type})`];
  for (const field of FIELDS.slice(1)) {
    const value = normalized(record, field);
    if (typeof value === 'string') {
      lines.push(`    ${field}: ${show(value)}`);
      continue;
    }
    // One line per language: a map of eighteen texts on one line would be unreadable.
    for (const [locale, text] of Object.entries(value as Texts)) lines.push(`    ${field}.${locale}: ${show(text)}`);
  }
  return lines;
}

/** The languages whose text a localization change adds, changes or removes, one line each. */
function localizationLines(field: Field, from: Texts, to: Texts): string[] {
  const locales = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort((a, b) => a.localeCompare(b));
  const shown = (text: string | undefined) => (text === undefined ? '(none)' : show(text));
  return locales
    .filter((locale) => from[locale] !== to[locale])
    .map((locale) => `    ${field}.${locale}: ${shown(from[locale])} → ${shown(to[locale])}`);
}

/** A readable, line-oriented rendering for admins. */
export function formatDiff(diff: SchemaDiff): string {
  const lines: string[] = [];
  for (const record of diff.added) lines.push(...describeRecord('+', 'add', record));
  for (const record of diff.removed) lines.push(...describeRecord('-', 'remove', record));
  for (const { key, changes } of diff.changed) {
    lines.push(`~ change ${key}`);
    for (const { field, from, to } of changes) {
      if (isLocalized(field)) lines.push(...localizationLines(field, from as Texts, to as Texts));
      else lines.push(`    ${field}: ${show(from)} → ${show(to)}`);
    }
  }
  if (diff.reordered) lines.push('~ change the order of the records');
  return lines.join('\n');
}
