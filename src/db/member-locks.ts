// One member's writes one at a time within a process (a verification and a refresh of the same
// member never interleave their read, PUT and store). Across processes the row's revision does
// that job: a writer that lost the race leaves the member marked for a fresh PUT.

export class MemberLocks {
  private tails = new Map<string, Promise<void>>();

  /**
   * Runs `fn` once every earlier holder of `key` is done. Waiting longer than `waitMs` throws
   * `onTimeout()` instead (fn never runs).
   */
  async run<T>(key: string, fn: () => Promise<T>, waitMs = Infinity, onTimeout?: () => Error): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    try {
      if (!(await turnWithin(previous, waitMs)))
        throw onTimeout?.() ?? new Error(`waited over ${waitMs} ms for ${key}`);
      return await fn();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Members with a write under way or waiting (for tests and metrics). */
  get busy(): number {
    return this.tails.size;
  }
}

async function turnWithin(previous: Promise<void>, waitMs: number): Promise<boolean> {
  if (waitMs === Infinity) {
    await previous;
    return true;
  }
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), waitMs)));
  try {
    return await Promise.race([previous.then(() => true as const), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
