// How @discordjs/rest sends our requests: undici's request() over one keep-alive dispatcher shared by
// every REST instance (each member has its own instance for its own rate-limit buckets, but they all
// reuse the same connections to Discord), answering with a light Response-like object: the library's
// default strategy copies every answer's headers into a WHATWG Headers first, which cost more than
// the rest of the call's bookkeeping, and all the library reads is `get`/`has`. Timeouts and the
// deadline are undici's headersTimeout and our Deadline, not the library's AbortSignal (deadline.ts).
import { STATUS_CODES } from 'node:http';
import type { ResponseLike } from '@discordjs/rest';
import { Agent, errors, request, type Dispatcher, type RequestInit } from 'undici';
import type { Deadline } from './deadline.js';

/** One pool of keep-alive connections per origin, for the life of the process. */
export const sharedDispatcher: Dispatcher = new Agent({ keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000 });

type RawHeaders = Record<string, string | string[] | undefined>;

/** The part of Headers that @discordjs/rest and our client read, over undici's lower-cased header object. */
class AnswerHeaders {
  constructor(private readonly raw: RawHeaders) {}

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  }

  has(name: string): boolean {
    return this.raw[name.toLowerCase()] !== undefined;
  }

  forEach(each: (value: string, name: string) => void): void {
    for (const name of Object.keys(this.raw)) {
      const value = this.get(name);
      if (value !== null) each(value, name);
    }
  }
}

function bodyOf(body: RequestInit['body']): string | Uint8Array | null {
  if (body === null || body === undefined) return null;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof URLSearchParams) return body.toString();
  // We send JSON (a string) and forms (URLSearchParams) only; files would need the default strategy.
  throw new TypeError('makeRequest: unsupported request body');
}

/** An answer, with how long Discord took to send its headers after we sent the request. */
export type TimedResponse = ResponseLike & { waitedMs: number };

/** What bounds one request: its own wait for an answer and, for a member's requests, their deadline. */
export interface RequestLimits {
  /** How long to wait for the answer's headers, as @discordjs/rest's `timeout` (it clears its timer then). */
  timeoutMs: number;
  deadline?: Deadline | undefined;
}

/**
 * A request that waited too long, named as @discordjs/rest retries and we report a timeout: for its
 * answer (headersTimeout), or for a connection (the dispatcher's 10 s, as long as our default timeout).
 */
function timedOut(error: unknown): unknown {
  if (!(error instanceof errors.HeadersTimeoutError || error instanceof errors.ConnectTimeoutError)) return error;
  return Object.assign(new Error('Discord did not answer in time'), { name: 'AbortError' });
}

/**
 * The `makeRequest` option of a REST instance. The library's own per-request AbortSignal (for its
 * `timeout`) is not passed on: undici's `headersTimeout` is the same bound, and the deadline goes to
 * undici as it is (see deadline.ts).
 */
export function requester(limits: RequestLimits): (url: string, init: RequestInit) => Promise<TimedResponse> {
  return (url, init) => send(url, init, limits);
}

async function send(url: string, init: RequestInit, limits: RequestLimits): Promise<TimedResponse> {
  const sentAt = performance.now();
  const res = await request(url, {
    method: (init.method ?? 'GET') as Dispatcher.HttpMethod,
    headers: init.headers as Record<string, string>,
    body: bodyOf(init.body),
    signal: limits.deadline as Dispatcher.RequestOptions['signal'],
    headersTimeout: limits.timeoutMs,
    dispatcher: init.dispatcher ?? sharedDispatcher,
  }).catch((error: unknown) => {
    throw timedOut(error);
  });
  const waitedMs = performance.now() - sentAt;
  if (res.statusCode === 429 && res.headers['retry-after'] === undefined) return headerless429(res, waitedMs);
  const body = res.body;
  return {
    waitedMs,
    body,
    arrayBuffer: () => body.arrayBuffer(),
    // 204 has no body by definition, whatever its Content-Type says (the library parses by that alone).
    json: res.statusCode === 204 ? () => body.text().then(() => undefined) : () => body.json(),
    text: () => body.text(),
    get bodyUsed() {
      return body.bodyUsed;
    },
    headers: new AnswerHeaders(res.headers) as unknown as ResponseLike['headers'],
    status: res.statusCode,
    statusText: STATUS_CODES[res.statusCode] ?? '',
    ok: res.statusCode >= 200 && res.statusCode < 300,
  };
}

/** The seconds to wait that a 429 without Retry-After names in its body, else 1 s. */
function retryAfterOf(answer: unknown): number {
  const seconds = (answer as { retry_after?: unknown } | null)?.retry_after;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? seconds : 1;
}

/**
 * A 429 without Retry-After (a proxy's, or a limit that sent only its body): @discordjs/rest reads
 * the wait from that header alone and would send again at once, in a loop, so the body's
 * `retry_after` (or 1 s) becomes the header, and its `global` the global header.
 */
async function headerless429(res: Dispatcher.ResponseData, waitedMs: number): Promise<TimedResponse> {
  const text = await res.body.text().catch(() => '');
  let answer: unknown = null;
  try {
    answer = JSON.parse(text);
  } catch {
    // Not JSON: the default wait applies.
  }
  const headers: RawHeaders = { ...res.headers, 'retry-after': String(retryAfterOf(answer)) };
  if ((answer as { global?: unknown } | null)?.global === true) headers['x-ratelimit-global'] ??= 'true';
  const bytes = new TextEncoder().encode(text);
  return {
    waitedMs,
    body: null,
    arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    json: async () => JSON.parse(text) as unknown,
    text: async () => text,
    bodyUsed: false,
    headers: new AnswerHeaders(headers) as unknown as ResponseLike['headers'],
    status: 429,
    statusText: STATUS_CODES[429] ?? '',
    ok: false,
  };
}
