// Discord limits the application's own OAuth calls (code exchange, refresh, revoke) by our address,
// not by a member's token, yet each such call gets a REST instance of its own (one shared instance
// would send them one at a time). This is what carries a limit Discord announced on one of them,
// a 429 or an emptied bucket, over to the next ones, so they wait instead of being refused too.

/** The part of an answer's headers the gate reads. */
interface HeaderSource {
  get(name: string): string | null;
}

const secondsToMs = (value: string | null): number => {
  const seconds = value === null ? NaN : Number(value);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
};

export class OAuthGate {
  /** performance.now() before which no call of that route may be sent. */
  private readonly openAt = new Map<string, number>();
  /** The same for every OAuth route, after a global 429. */
  private globalOpenAt = 0;

  /** Takes note of one answer to an OAuth call of `route`. */
  note(route: string, status: number, headers: HeaderSource): void {
    const waitMs =
      status === 429
        ? secondsToMs(headers.get('retry-after'))
        : headers.get('x-ratelimit-remaining') === '0'
          ? secondsToMs(headers.get('x-ratelimit-reset-after'))
          : 0;
    if (waitMs === 0) return;
    const until = performance.now() + waitMs;
    if (status === 429 && headers.get('x-ratelimit-global') !== null) {
      this.globalOpenAt = Math.max(this.globalOpenAt, until);
    } else {
      this.openAt.set(route, Math.max(this.openAt.get(route) ?? 0, until));
    }
  }

  /** How long the next call of `route` must wait; 0 when it may go now. */
  waitMs(route: string): number {
    const openAt = Math.max(this.globalOpenAt, this.openAt.get(route) ?? 0);
    return Math.max(0, openAt - performance.now());
  }
}
