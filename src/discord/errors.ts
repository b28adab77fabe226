// Discord failures as our own types, so callers decide by kind (revoked, rate limited, down) without
// knowing how @discordjs/rest reports each one.
import { DiscordAPIError, HTTPError, RateLimitError } from '@discordjs/rest';

export class DiscordError extends Error {
  override name = 'DiscordError';
}

/** The code or refresh token is unknown, used, expired or revoked (OAuth `invalid_grant`). */
export class InvalidGrantError extends DiscordError {
  override name = 'InvalidGrantError';
  /** Refused on a retry after a 5xx, which Discord may have sent after spending the grant. */
  afterFailedTry = false;
}

/** Discord refused a member's Bearer token (401): the member revoked us, or the token expired. */
export class UnauthorizedError extends DiscordError {
  override name = 'UnauthorizedError';
}

/**
 * Discord says *we* are set up wrongly (invalid_client, a 401 on a bot or client-credential call, a
 * redirect URI it does not know): never a member's act, so no member's row may change because of it.
 */
export class MisconfiguredError extends DiscordError {
  override name = 'MisconfiguredError';
  constructor(
    message: string,
    /** What the admin must change, in one sentence. */
    readonly fix: string,
  ) {
    super(message);
  }
}

/** Whose credential a call carried: a member's Bearer token, the bot token, or the client id and secret. */
export type Credential = 'member' | 'application' | 'client';

const CLIENT_FIX =
  'Set DISCORD_CLIENT_ID and DISCORD_CLIENT_SECRET to the values under OAuth2 in the Discord developer portal (after a reset, copy the new secret).';

export class RateLimitedError extends DiscordError {
  override name = 'RateLimitedError';
  constructor(
    readonly retryAfterMs: number,
    readonly global: boolean,
  ) {
    // Rounded, not ceiled: @discordjs/rest's wait carries its 50 ms offset.
    super(`Discord rate limit: retry after ${Math.max(1, Math.round(retryAfterMs / 1000))} s`);
  }
}

export type UnavailableCause = 'server' | 'timeout' | 'network';

/** Discord could not be reached or kept failing after retries. */
export class DiscordUnavailableError extends DiscordError {
  override name = 'DiscordUnavailableError';
  constructor(
    readonly reason: UnavailableCause,
    readonly status?: number,
  ) {
    super(
      reason === 'server'
        ? `Discord answered ${status ?? 'an error'}`
        : reason === 'timeout'
          ? 'Discord did not answer in time'
          : 'Discord could not be reached',
    );
  }
}

/** Any other refusal (4xx): carries Discord's status, code and message for precise reporting. */
export class DiscordRequestError extends DiscordError {
  override name = 'DiscordRequestError';
  constructor(
    readonly status: number,
    readonly code: number | string,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'EPIPE',
  'ETIMEDOUT',
]);

/** True when no answer came (a timeout, a dropped connection): Discord may have acted all the same. */
export function mayHaveActed(error: unknown): boolean {
  return error instanceof DiscordUnavailableError && error.reason !== 'server';
}

/**
 * True when a code or refresh token may be spent though no tokens reached us: no answer came, a 5xx
 * came (Discord may fail after acting), or the grant was refused on a retry after one.
 */
export function mayHaveSpent(error: unknown): boolean {
  return error instanceof DiscordUnavailableError || (error instanceof InvalidGrantError && error.afterFailedTry);
}

/** Maps whatever @discordjs/rest threw onto our types; programming errors pass through unchanged. */
export function translateError(error: unknown, credential: Credential = 'application'): unknown {
  if (error instanceof DiscordError) return error;
  if (error instanceof DiscordAPIError) {
    if (error.code === 'invalid_client' || error.code === 'unauthorized_client') {
      return new MisconfiguredError(`Discord refused the application's client credentials (${error.code})`, CLIENT_FIX);
    }
    if (error.code === 'invalid_grant' && /redirect_uri/i.test(error.message)) {
      return new MisconfiguredError(
        'Discord does not accept our redirect URI (invalid "redirect_uri")',
        'Add PUBLIC_URL/linked-role/callback exactly under OAuth2 → Redirects in the developer portal, or correct PUBLIC_URL.',
      );
    }
    if (error.code === 'invalid_grant') return new InvalidGrantError(error.message);
    if (error.status === 401) {
      if (credential === 'member') return new UnauthorizedError(error.message);
      if (credential === 'client') {
        return new MisconfiguredError(
          "Discord refused the application's client credentials (401 Unauthorized)",
          CLIENT_FIX,
        );
      }
      return new MisconfiguredError(
        'Discord rejected DISCORD_BOT_TOKEN (401 Unauthorized)',
        'Copy the token again from the developer portal → Bot.',
      );
    }
    return new DiscordRequestError(error.status, error.code, error.message, error.rawError);
  }
  if (error instanceof RateLimitError) return new RateLimitedError(error.retryAfter, error.global);
  if (error instanceof HTTPError) return new DiscordUnavailableError('server', error.status);
  if (error instanceof Error) {
    if (error.name === 'AbortError' || error.name === 'TimeoutError') return new DiscordUnavailableError('timeout');
    const code = (error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || code.startsWith('UND_ERR'))) {
      return new DiscordUnavailableError('network');
    }
  }
  return error;
}
