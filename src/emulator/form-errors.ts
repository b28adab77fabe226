// Builds Discord's nested 50035 "Invalid Form Body" answers, whose keys mirror the path of the bad field.
export interface FieldError {
  code: string;
  message: string;
}

type Node = { [key: string]: Node | FieldError[] };

const show = (value: unknown): string => (typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value)));
const chars = (text: string): number => [...text].length;

export class FormErrors {
  // Null-prototype nodes: paths come from client keys, and "__proto__" must stay a plain key.
  private readonly root: Node = Object.create(null) as Node;
  private count = 0;

  add(path: readonly (string | number)[], code: string, message: string): void {
    let node = this.root;
    for (const key of path) {
      const next = node[String(key)];
      if (next && !Array.isArray(next)) node = next;
      else node = node[String(key)] = Object.create(null) as Node;
    }
    const list = node._errors;
    if (Array.isArray(list)) list.push({ code, message });
    else node._errors = [{ code, message }];
    this.count += 1;
  }

  get empty(): boolean {
    return this.count === 0;
  }

  body(): { code: number; message: string; errors: Node } {
    return { code: 50035, message: 'Invalid Form Body', errors: this.root };
  }

  required(path: readonly (string | number)[]): void {
    this.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
  }

  /** Checks a string field; returns false (and records why) when it is not a string within the bounds. */
  string(path: readonly (string | number)[], value: unknown, min: number, max: number): value is string {
    if (typeof value !== 'string') {
      this.add(path, 'BASE_TYPE_STRING', `Could not interpret "${show(value)}" as string.`);
      return false;
    }
    if (chars(value) < min) this.add(path, 'BASE_TYPE_MIN_LENGTH', `Must be ${min} or more in length.`);
    else if (chars(value) > max) this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    else return true;
    return false;
  }

  /** Checks that a value is a JSON object (not an array or null). */
  dict(path: readonly (string | number)[], value: unknown): value is Record<string, unknown> {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return true;
    this.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return false;
  }
}

/** The Content-Type error Discord gives a JSON route that was sent something else. */
export function contentTypeErrors(): FormErrors {
  const errors = new FormErrors();
  errors.add([], 'CONTENT_TYPE_INVALID', `Expected "Content-Type" header to be one of {'application/json'}.`);
  return errors;
}
