// How any failure is shown to a member: a status code and a page that says what happened and what to
// do, never a stack trace. Used by the app's single error handler. The words are catalog keys, so the
// page can be shown in the member's language and the log line in English.
import {
  DiscordRequestError,
  DiscordUnavailableError,
  InvalidGrantError,
  MisconfiguredError,
  RateLimitedError,
  UnauthorizedError,
} from '../discord/errors.js';
import type { TextKey } from '../i18n/catalog.js';
import { english, type Message } from '../i18n/translate.js';

/** A failure we expected, with the words to show the member. */
export class PageError extends Error {
  override name = 'PageError';
  readonly text: Message;
  constructor(
    readonly statusCode: number,
    readonly title: TextKey,
    text: Message | TextKey,
    /** A short label for metrics, e.g. bad-state. */
    readonly reason = 'invalid-request',
  ) {
    const message = typeof text === 'string' ? { key: text } : text;
    super(english().say(message));
    this.text = message;
  }
}

export interface ErrorView {
  status: number;
  title: TextKey;
  message: Message;
  headers: Record<string, string>;
  /** True when the cause is on our side and deserves an error log. */
  unexpected: boolean;
  /** A short label for metrics. */
  reason: string;
}

const RETRY = 'error.retry';

export function describeError(error: unknown): ErrorView {
  const view = (
    status: number,
    title: TextKey,
    message: Message | TextKey,
    reason: string,
    headers: Record<string, string> = {},
  ): ErrorView => ({
    status,
    title,
    message: typeof message === 'string' ? { key: message } : message,
    headers,
    unexpected: false,
    reason,
  });
  if (error instanceof PageError) return view(error.statusCode, error.title, error.text, error.reason);
  if (error instanceof MisconfiguredError) {
    return {
      ...view(503, 'error.misconfigured.title', 'error.misconfigured.text', 'misconfigured'),
      unexpected: true,
    };
  }
  // Refused on our retry after a 5xx: Discord failed after spending the code, the member did nothing wrong.
  if (error instanceof InvalidGrantError && error.afterFailedTry) {
    return view(502, 'error.discordUnavailable.title', RETRY, 'discord-unavailable');
  }
  if (error instanceof InvalidGrantError) {
    return view(400, 'error.invalidGrant.title', 'error.invalidGrant.text', 'invalid-grant');
  }
  if (error instanceof UnauthorizedError) {
    return view(403, 'error.unauthorized.title', 'error.unauthorized.text', 'unauthorized');
  }
  if (error instanceof RateLimitedError) {
    const seconds = Math.max(1, Math.round(error.retryAfterMs / 1000));
    const message = { key: 'error.rateLimited.text', count: seconds } as const;
    return view(429, 'error.rateLimited.title', message, 'rate-limited', { 'retry-after': String(seconds) });
  }
  if (error instanceof DiscordUnavailableError) {
    return error.reason === 'timeout'
      ? view(504, 'error.discordTimeout.title', RETRY, 'discord-timeout')
      : view(502, 'error.discordUnavailable.title', RETRY, 'discord-unavailable');
  }
  if (error instanceof DiscordRequestError) {
    return { ...view(502, 'error.discordRefused.title', RETRY, 'discord-refused'), unexpected: true };
  }
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if ((error as { validation?: unknown } | null)?.validation) {
    return view(400, 'error.invalidLink.title', 'error.invalidLink.text', 'invalid-request');
  }
  if (status === 429) return view(429, 'error.tooMany.title', 'error.tooMany.text', 'too-many-requests');
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return view(status, 'error.badRequest.title', 'error.badRequest.text', 'invalid-request');
  }
  return { ...view(500, 'error.internal.title', RETRY, 'internal'), unexpected: true };
}
