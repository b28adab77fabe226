// Bounded retries with exponential backoff for Discord calls that failed on Discord's side.
import { DiscordUnavailableError, mayHaveActed, RateLimitedError } from '../discord/errors.js';

export interface RetryOptions {
  attempts: number;
  baseDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  /**
   * Told of a rate limit too long for @discordjs/rest to wait out by itself; the call is tried again
   * after it only when this returns true (without it, never).
   */
  onRateLimited?: (error: RateLimitedError) => boolean;
  /** Whether a timeout or lost connection may be retried (not when the call may have had an effect). */
  retryAmbiguous?: boolean;
  /** Once aborted, nothing is tried again. */
  signal?: AbortSignal | undefined;
}

export async function withRetries<T>(fn: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fn();
    } catch (error) {
      const transient = error instanceof DiscordUnavailableError || error instanceof RateLimitedError;
      if (!transient || attempt >= options.attempts || options.signal?.aborted) throw error;
      if (options.retryAmbiguous === false && mayHaveActed(error)) throw error;
      if (error instanceof RateLimitedError) {
        if (!options.onRateLimited?.(error)) throw error;
        await options.sleep(error.retryAfterMs);
      } else {
        await options.sleep(options.baseDelayMs * 2 ** (attempt - 1));
      }
      // Interrupted while waiting: the wait ended early, and nothing more is tried.
      if (options.signal?.aborted) throw error;
    }
  }
}
