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
  /** performance.now() before which no OAuth call may be sent. */
  private openAt = 0;

  /** Takes note of one OAuth answer. */
  note(status: number, headers: HeaderSource): void {
    const waitMs =
      status === 429
        ? secondsToMs(headers.get('retry-after'))
        : headers.get('x-ratelimit-remaining') === '0'
          ? secondsToMs(headers.get('x-ratelimit-reset-after'))
          : 0;
    if (waitMs > 0) this.openAt = Math.max(this.openAt, performance.now() + waitMs);
  }

  /** How long the next OAuth call must wait; 0 when it may go now. */
  waitMs(): number {
    return Math.max(0, this.openAt - performance.now());
  }
}
