// How any failure is shown to a member: a status code and a page that says what happened and what to
// do, never a stack trace. Used by the app's single error handler.
import {
  DiscordRequestError,
  DiscordUnavailableError,
  InvalidGrantError,
  MisconfiguredError,
  RateLimitedError,
  UnauthorizedError,
} from '../discord/errors.js';

/** A failure we expected, with the words to show the member. */
export class PageError extends Error {
  override name = 'PageError';
  constructor(
    readonly statusCode: number,
    readonly title: string,
    message: string,
    /** A short label for metrics, e.g. bad-state. */
    readonly reason = 'invalid-request',
  ) {
    super(message);
  }
}

export interface ErrorView {
  status: number;
  title: string;
  message: string;
  headers: Record<string, string>;
  /** True when the cause is on our side and deserves an error log. */
  unexpected: boolean;
  /** A short label for metrics. */
  reason: string;
}

const RETRY = 'Nothing was changed. Please try again in a moment.';

export function describeError(error: unknown): ErrorView {
  const view = (
    status: number,
    title: string,
    message: string,
    reason: string,
    headers: Record<string, string> = {},
  ): ErrorView => ({ status, title, message, headers, unexpected: false, reason });
  if (error instanceof PageError) return view(error.statusCode, error.title, error.message, error.reason);
  if (error instanceof MisconfiguredError) {
    const message =
      'Discord refused this service’s own settings, so nothing was changed. The admins have been told; please try again later.';
    return { ...view(503, 'This service is misconfigured', message, 'misconfigured'), unexpected: true };
  }
  if (error instanceof InvalidGrantError) {
    return view(
      400,
      'This sign-in has expired',
      'Discord did not accept the sign-in: it expired or was already used. Please start again.',
      'invalid-grant',
    );
  }
  if (error instanceof UnauthorizedError) {
    return view(
      403,
      'Discord refused access',
      'Discord withdrew the access you just granted. Please start again and press Authorize.',
      'unauthorized',
    );
  }
  if (error instanceof RateLimitedError) {
    const seconds = Math.max(1, Math.round(error.retryAfterMs / 1000));
    const message = `Discord asked us to slow down. Please try again in ${seconds} seconds.`;
    return view(429, 'Discord is busy', message, 'rate-limited', { 'retry-after': String(seconds) });
  }
  if (error instanceof DiscordUnavailableError) {
    return error.reason === 'timeout'
      ? view(504, 'Discord did not answer in time', RETRY, 'discord-timeout')
      : view(502, 'Discord is not answering properly', RETRY, 'discord-unavailable');
  }
  if (error instanceof DiscordRequestError) {
    return { ...view(502, 'Discord refused our request', RETRY, 'discord-refused'), unexpected: true };
  }
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if ((error as { validation?: unknown } | null)?.validation) {
    const message = 'The address was malformed. Please start again from Discord.';
    return view(400, 'This link is not valid', message, 'invalid-request');
  }
  if (status === 429) {
    return view(429, 'Too many attempts', 'Please wait a minute, then start again from Discord.', 'too-many-requests');
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return view(status, 'This request could not be handled', 'Please start again from Discord.', 'invalid-request');
  }
  return { ...view(500, 'Something went wrong on our side', RETRY, 'internal'), unexpected: true };
}
