// How @discordjs/rest sends our requests: undici's request() over one keep-alive dispatcher shared by
// every REST instance (each member has its own instance for its own rate-limit buckets, but they all
// reuse the same connections to Discord), answering with a light Response-like object: the library's
// default strategy copies every answer's headers into a WHATWG Headers first, which cost more than
// the rest of the call's bookkeeping, and all the library reads is `get`/`has`.
import { STATUS_CODES } from 'node:http';
import type { ResponseLike } from '@discordjs/rest';
import { Agent, request, type Dispatcher, type RequestInit } from 'undici';

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

/** The `makeRequest` option of every REST instance we create. */
export async function makeRequest(url: string, init: RequestInit): Promise<TimedResponse> {
  const sentAt = performance.now();
  const res = await request(url, {
    method: (init.method ?? 'GET') as Dispatcher.HttpMethod,
    headers: init.headers as Record<string, string>,
    body: bodyOf(init.body),
    signal: init.signal ?? undefined,
    dispatcher: init.dispatcher ?? sharedDispatcher,
  });
  const waitedMs = performance.now() - sentAt;
  const body = res.body;
  return {
    waitedMs,
    body,
    arrayBuffer: () => body.arrayBuffer(),
    json: () => body.json(),
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
