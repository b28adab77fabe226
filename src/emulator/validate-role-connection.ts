// Checks a PUT role-connection body against the limits in README §3.2, strictly (string values only).
import { FormErrors } from './form-errors.js';
import type { RoleConnection } from './types.js';

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FormErrors };

export function validateRoleConnection(body: unknown): Checked<RoleConnection> {
  const errors = new FormErrors();
  if (!errors.dict([], body)) return { ok: false, errors };

  const optionalString = (key: string, max: number): string | null => {
    const value = body[key];
    if (value === undefined || value === null) return null;
    return errors.string([key], value, 0, max) ? value : null;
  };
  const platformName = optionalString('platform_name', 50);
  const platformUsername = optionalString('platform_username', 100);

  const entries: [string, string][] = [];
  const metadata = body.metadata;
  if (metadata !== undefined && metadata !== null && errors.dict(['metadata'], metadata)) {
    const pairs = Object.entries(metadata);
    if (pairs.length > 5) errors.add(['metadata'], 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
    for (const [key, value] of pairs) {
      // Numbers and booleans are refused on purpose: send "1"/"0" and decimal strings.
      if (errors.string(['metadata', key], value, 1, 100)) entries.push([key, value]);
    }
  }

  if (!errors.empty) return { ok: false, errors };
  // fromEntries defines own properties, so a "__proto__" key stays data.
  const value = {
    platform_name: platformName,
    platform_username: platformUsername,
    metadata: Object.fromEntries(entries),
  };
  return { ok: true, value };
}
