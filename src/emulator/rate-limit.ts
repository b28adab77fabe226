// Per-route, per-identity buckets with Discord's X-RateLimit-* headers, driven by the injectable clock.
import { createHash } from 'node:crypto';

export interface RateLimitConfig {
  limit: number;
  windowMs: number;
}

export interface RateLimitResult {
  limited: boolean;
  /** Seconds until the bucket resets (float). */
  resetAfter: number;
  headers: Record<string, string>;
}

interface Window {
  count: number;
  /** On the injected clock, so tests can move past it. */
  resetAt: number;
  /** On the real clock, so a client that really waits is let through even when tests froze the injected clock. */
  realResetAt: number;
}

const hash = (text: string, length: number): string => createHash('sha256').update(text).digest('hex').slice(0, length);

export const seconds = (ms: number): string => (Math.max(0, ms) / 1000).toFixed(3);

export class RateLimiter {
  private windows = new Map<string, Window>();

  constructor(
    private readonly clock: () => number,
    private readonly config: RateLimitConfig | false,
    private readonly realClock: () => number = Date.now,
  ) {}

  /** Discord bucket ids are opaque and shared by all identities using the route. */
  static bucketId(method: string, route: string): string {
    return hash(`${method} ${route}`, 32);
  }

  /** Counts one request; undefined when rate limiting is switched off. */
  consume(method: string, route: string, identity: string): RateLimitResult | undefined {
    if (!this.config) return undefined;
    const { limit, windowMs } = this.config;
    const bucket = RateLimiter.bucketId(method, route);
    // Identities are hashed so no token is kept here in clear.
    const key = `${bucket}:${hash(identity, 40)}`;
    const now = this.clock();
    const realNow = this.realClock();
    const over = (w: Window): boolean => w.resetAt <= now || w.realResetAt <= realNow;
    if (this.windows.size > 10_000) for (const [k, w] of this.windows) if (over(w)) this.windows.delete(k);
    let window = this.windows.get(key);
    if (!window || over(window)) {
      window = { count: 0, resetAt: now + windowMs, realResetAt: realNow + windowMs };
      this.windows.set(key, window);
    }
    const limited = window.count >= limit;
    if (!limited) window.count += 1;
    const resetAfterMs = Math.max(0, Math.min(window.resetAt - now, window.realResetAt - realNow));
    return {
      limited,
      resetAfter: resetAfterMs / 1000,
      headers: {
        'x-ratelimit-limit': String(limit),
        'x-ratelimit-remaining': String(limit - window.count),
        'x-ratelimit-reset': seconds(now + resetAfterMs),
        'x-ratelimit-reset-after': seconds(resetAfterMs),
        'x-ratelimit-bucket': bucket,
      },
    };
  }

  clear(): void {
    this.windows.clear();
  }
}
