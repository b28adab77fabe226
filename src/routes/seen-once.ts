// Values a route must accept only once while they are otherwise valid: OAuth2 states (clearing the
// state cookie only works in a browser that cooperates) and webhook signatures (Discord may deliver
// the same signed event again). Each is remembered until it would have expired anyway; memory is bounded.

export class SeenOnce {
  /** Value → when it would have expired (injected clock); Map order is the order of first sight. */
  private readonly spent = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly max = 100_000,
  ) {}

  /** True the first time a value is seen, false every time after. */
  firstTime(value: string, now: number): boolean {
    for (const [old, expiresAt] of this.spent) {
      if (expiresAt > now) break;
      this.spent.delete(old);
    }
    if (this.spent.has(value)) return false;
    // Past the bound the oldest are forgotten first; what the route checks besides (a state's age, a
    // signature's timestamp) still refuses it once it is old.
    if (this.spent.size >= this.max) this.spent.delete(this.spent.keys().next().value!);
    this.spent.set(value, now + this.ttlMs);
    return true;
  }

  /** Lets a value through once more (its handling failed, so a retry must not be taken as done). */
  forget(value: string): void {
    this.spent.delete(value);
  }

  get size(): number {
    return this.spent.size;
  }
}
