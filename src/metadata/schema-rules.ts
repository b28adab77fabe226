// Discord's rules for an application's role-connection metadata schema, checked locally so an admin
// sees every violation at once, before any request, in terms of our own records.
import { Locale, type APIApplicationRoleConnectionMetadata } from 'discord-api-types/v10';

export const MAX_RECORDS = 5;
const KEY = /^[a-z0-9_]{1,50}$/;
const LOCALES = new Set<string>(Object.values(Locale));

/** How a record is named in messages: its position and key, e.g. `record 2 (tag_streak_days)`. */
export function recordLabel(record: { key?: unknown } | undefined, index: number): string {
  const key = typeof record?.key === 'string' && record.key !== '' ? ` (${record.key})` : '';
  return `record ${index + 1}${key}`;
}

function checkText(value: unknown, max: number, where: string, problems: string[]): void {
  if (typeof value !== 'string' || value.length < 1 || value.length > max) {
    problems.push(`${where} must be text of 1 to ${max} characters`);
  }
}

function checkLocalizations(map: unknown, max: number, where: string, problems: string[]): void {
  if (map === undefined || map === null) return;
  if (typeof map !== 'object' || Array.isArray(map)) {
    problems.push(`${where} must be an object of locale → text`);
    return;
  }
  for (const [locale, text] of Object.entries(map)) {
    if (!LOCALES.has(locale)) problems.push(`${where}: "${locale}" is not a Discord locale`);
    checkText(text, max, `${where}.${locale}`, problems);
  }
}

/** Every way the schema breaks Discord's rules; empty when it is valid. */
export function validateSchema(records: readonly APIApplicationRoleConnectionMetadata[]): string[] {
  const problems: string[] = [];
  if (records.length > MAX_RECORDS)
    problems.push(`at most ${MAX_RECORDS} records are allowed, the schema has ${records.length}`);
  const seen = new Set<string>();
  records.forEach((record, index) => {
    const label = recordLabel(record, index);
    if (typeof record.key !== 'string' || !KEY.test(record.key)) {
      problems.push(`${label}: key must be 1 to 50 characters of a-z, 0-9 and _`);
    } else if (seen.has(record.key)) {
      problems.push(`${label}: key "${record.key}" is used twice`);
    }
    seen.add(record.key);
    if (!Number.isInteger(record.type) || record.type < 1 || record.type > 8) {
      problems.push(`${label}: type must be an integer from 1 to 8`);
    }
    checkText(record.name, 100, `${label}: name`, problems);
    checkText(record.description, 200, `${label}: description`, problems);
    checkLocalizations(record.name_localizations, 100, `${label}: name_localizations`, problems);
    checkLocalizations(record.description_localizations, 200, `${label}: description_localizations`, problems);
  });
  return problems;
}
