// Parsers for environment variables: each turns present text into a value or a Problem that names
// the variable and what it must be, so every mistake is reported in the admin's terms.
import { parseKey } from '../crypto/token-sealer.js';
import { parseDuration } from '../time/duration.js';

/** A parser's verdict on a value that is present but wrong. */
export class Problem {
  constructor(readonly message: string) {}
}

export type Parser<T> = (text: string, name: string) => T | Problem;

const SNOWFLAKE = /^\d{17,20}$/;

export const text: Parser<string> = (t) => t;

export const snowflake: Parser<string> = (t, name) =>
  SNOWFLAKE.test(t) ? t : new Problem(`${name} must be a Discord id (17 to 20 digits)`);

export const atLeastChars =
  (min: number): Parser<string> =>
  (t, name) =>
    t.length >= min ? t : new Problem(`${name} must be at least ${min} characters long`);

export const atMostChars =
  (max: number, why: string): Parser<string> =>
  (t, name) =>
    t.length <= max ? t : new Problem(`${name} must be at most ${max} characters (${why})`);

export const wholeNumber =
  (min: number, max: number, wording: string): Parser<number> =>
  (t, name) => {
    const n = Number(t);
    return /^\d+$/.test(t) && n >= min && n <= max ? n : new Problem(`${name} must be ${wording}, got "${t}"`);
  };

export const duration =
  (min: number, minText: string): Parser<number> =>
  (t, name) => {
    const ms = parseDuration(t);
    if (ms === null || ms <= 0) return new Problem(`${name} must be a duration such as 30m, 12h or 1d, got "${t}"`);
    return ms >= min ? ms : new Problem(`${name} must be at least ${minText}`);
  };

/** A duration, or the word `off` for null. */
export const durationOrOff =
  (min: number, minText: string): Parser<number | null> =>
  (t, name) =>
    t === 'off' ? null : duration(min, minText)(t, name);

export const oneOf =
  <T extends string>(values: readonly T[]): Parser<T> =>
  (t, name) =>
    values.includes(t as T) ? (t as T) : new Problem(`${name} must be one of ${values.join(', ')}`);

export const hexKey: Parser<string> = (t, name) =>
  /^[0-9a-f]{64}$/i.test(t)
    ? t.toLowerCase()
    : new Problem(`${name} must be the 64 hex characters of the application public key`);

export const tokenKey: Parser<Buffer> = (t, name) =>
  parseKey(t) ?? new Problem(`${name} must be exactly 32 bytes written as 64 hex characters or base64`);

const splitList = (t: string): string[] =>
  t
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export const guildIds: Parser<string[]> = (t, name) => {
  const ids = splitList(t);
  const bad = ids.find((id) => !SNOWFLAKE.test(id));
  return bad === undefined ? ids : new Problem(`${name}: "${bad}" is not a Discord id (17 to 20 digits)`);
};

export const tokenKeys: Parser<Buffer[]> = (t, name) => {
  const keys = splitList(t).map(parseKey);
  const bad = keys.findIndex((key) => key === null);
  return bad < 0 ? (keys as Buffer[]) : new Problem(`${name}: key ${bad + 1} must be 32 bytes as hex or base64`);
};

/** TRUST_PROXY: false, true, a number of hops, or comma-separated proxy addresses or CIDRs. */
export const trustProxy: Parser<boolean | number | string[]> = (t, name) => {
  if (t === 'false') return false;
  if (t === 'true') return true;
  if (/^\d+$/.test(t)) return Number(t);
  const list = splitList(t);
  if (list.length === 0 || list.some((s) => !/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(s))) {
    return new Problem(`${name} must be true, false, a number of proxy hops, or comma-separated proxy IPs/CIDRs`);
  }
  return list;
};

/** An http(s) URL without credentials, query or fragment, returned without a trailing slash. */
export const httpUrl: Parser<string> = (t, name) => {
  let url: URL;
  try {
    url = new URL(t);
  } catch {
    return new Problem(`${name} is not a valid URL: "${t}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return new Problem(`${name} must start with http:// or https://`);
  }
  // An empty query or fragment (`https://x.org/?`) reads as '' in search and hash but stays in href.
  if (/[?#]/.test(url.href) || url.username !== '' || url.password !== '') {
    return new Problem(`${name} must not contain credentials, a query or a fragment`);
  }
  return url.href.replace(/\/+$/, '');
};

/** The REST base, which must not carry the version: the client adds /v10 itself. */
export const apiUrl: Parser<string> = (t, name) => {
  const url = httpUrl(t, name);
  if (typeof url === 'string' && /\/v\d+$/.test(url)) {
    return new Problem(`${name} must not include the API version (use e.g. https://discord.com/api; /v10 is added)`);
  }
  return url;
};
