// OAuth2 states the callback has already accepted. The state cookie is cleared after use, but only a
// cooperating browser obeys that: a copy of the cookie and its state must not be good a second time.
// A state is remembered until it would have expired anyway; the memory is bounded.

export class SpentStates {
  /** State → when it would have expired (injected clock); Map order is the order of spending. */
  private readonly spent = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly max = 100_000,
  ) {}

  /** True the first time a state is spent, false every time after. */
  spend(state: string, now: number): boolean {
    for (const [old, expiresAt] of this.spent) {
      if (expiresAt > now) break;
      this.spent.delete(old);
    }
    if (this.spent.has(state)) return false;
    // Past the bound the oldest are forgotten first: at 100,000 states in ten minutes (about 170
    // verifications a second) an old state is still refused by its age check.
    if (this.spent.size >= this.max) this.spent.delete(this.spent.keys().next().value!);
    this.spent.set(state, now + this.ttlMs);
    return true;
  }

  get size(): number {
    return this.spent.size;
  }
}
