// Flattens Discord's nested `50035 Invalid Form Body` errors into (path, code, message) rows.

export interface FieldError {
  path: string[];
  code: string;
  message: string;
}

interface Leaf {
  _errors?: { code?: string; message?: string }[];
}

export function flattenFormErrors(errors: unknown, path: string[] = []): FieldError[] {
  if (typeof errors !== 'object' || errors === null) return [];
  const rows: FieldError[] = [];
  for (const entry of (errors as Leaf)._errors ?? []) {
    rows.push({ path, code: entry.code ?? 'UNKNOWN', message: entry.message ?? '' });
  }
  for (const [key, value] of Object.entries(errors)) {
    if (key !== '_errors') rows.push(...flattenFormErrors(value, [...path, key]));
  }
  return rows;
}
