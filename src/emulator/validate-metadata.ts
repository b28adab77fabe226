// Checks a PUT role-connection metadata schema against README §3.1 (≤ 5 records, key/name/description limits).
import { Locale, type APIApplicationRoleConnectionMetadata } from 'discord-api-types/v10';
import { FormErrors } from './form-errors.js';
import type { Checked } from './validate-role-connection.js';

const locales = new Set<string>(Object.values(Locale));
const typeChoices = [1, 2, 3, 4, 5, 6, 7, 8];

function checkLocalizations(errors: FormErrors, path: (string | number)[], value: unknown, max: number): boolean {
  if (value === undefined || value === null) return true;
  if (!errors.dict(path, value)) return false;
  let ok = true;
  for (const [locale, text] of Object.entries(value)) {
    if (!locales.has(locale)) {
      errors.add([...path, locale], 'BASE_TYPE_CHOICES', `Value must be one of {${[...locales].join(', ')}}.`);
      ok = false;
    } else if (!errors.string([...path, locale], text, 1, max)) ok = false;
  }
  return ok;
}

function checkRecord(errors: FormErrors, index: number, record: unknown, seen: Set<string>): void {
  if (!errors.dict([index], record)) return;
  const { type, key, name, description } = record;

  if (type === undefined || type === null) errors.required([index, 'type']);
  else if (typeof type !== 'number' || !Number.isInteger(type)) {
    errors.add([index, 'type'], 'NUMBER_TYPE_COERCE', `Value "${String(type)}" is not int.`);
  } else if (!typeChoices.includes(type)) {
    errors.add([index, 'type'], 'BASE_TYPE_CHOICES', `Value must be one of {${typeChoices.join(', ')}}.`);
  }

  if (key === undefined || key === null) errors.required([index, 'key']);
  else if (errors.string([index, 'key'], key, 1, 50)) {
    if (!/^[a-z0-9_]+$/.test(key)) {
      errors.add([index, 'key'], 'STRING_TYPE_REGEX', 'String value did not match validation regex.');
    } else if (seen.has(key)) {
      errors.add([index, 'key'], 'DUPLICATE_KEY', `Key "${key}" is used by more than one record.`);
    }
    seen.add(key);
  }

  if (name === undefined || name === null) errors.required([index, 'name']);
  else errors.string([index, 'name'], name, 1, 100);
  if (description === undefined || description === null) errors.required([index, 'description']);
  else errors.string([index, 'description'], description, 1, 200);

  checkLocalizations(errors, [index, 'name_localizations'], record.name_localizations, 100);
  checkLocalizations(errors, [index, 'description_localizations'], record.description_localizations, 200);
}

export function validateMetadata(body: unknown): Checked<APIApplicationRoleConnectionMetadata[]> {
  const errors = new FormErrors();
  if (!Array.isArray(body)) {
    errors.add([], 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
    return { ok: false, errors };
  }
  if (body.length > 5) errors.add([], 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
  const seen = new Set<string>();
  body.forEach((record: unknown, index) => checkRecord(errors, index, record, seen));
  if (!errors.empty) return { ok: false, errors };

  // Keep only documented fields, so the stored schema reads back exactly as Discord would return it.
  const value = (body as Record<string, unknown>[]).map((r) => {
    const out: Record<string, unknown> = { type: r.type, key: r.key, name: r.name, description: r.description };
    if (r.name_localizations !== undefined) out.name_localizations = r.name_localizations;
    if (r.description_localizations !== undefined) out.description_localizations = r.description_localizations;
    return out as unknown as APIApplicationRoleConnectionMetadata;
  });
  return { ok: true, value };
}
