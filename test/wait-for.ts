// The one way a test waits for something to happen: poll a condition until it holds, or fail after a
// deadline saying what never happened. A deadline is a bound on failure, never a guess at how long
// something takes, so it is generous.
import { setTimeout as delay } from 'node:timers/promises';

export interface WaitOptions {
  /** What the test waits for, as the failure message names it ("the PUT held by the emulator"). */
  what: string;
  /** Default 20 s: far beyond anything that works, even on a slow, shared machine. */
  timeoutMs?: number;
}

const POLL_MS = 5;

/** Resolves with the condition's first truthy value. */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  { what, timeoutMs = 20_000 }: WaitOptions,
): Promise<NonNullable<T>> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await delay(POLL_MS);
  }
}
