// One verification's overall deadline, in the shape undici takes a signal: an EventEmitter-like
// `on`/`removeListener` with `aborted`, not an AbortSignal. On Node 20 adding and removing a listener
// on an AbortSignal costs far more than this, and undici does both for every request: handing it
// this instead of the library's per-request signal cut a verification's CPU by 6% (paired runs).

export class Deadline {
  /** performance.now() at which it passes. */
  readonly at: number;
  aborted = false;
  private readonly listeners = new Set<() => void>();
  private readonly timer: NodeJS.Timeout;

  constructor(ms: number) {
    this.at = performance.now() + ms;
    this.timer = setTimeout(() => this.abort(), ms);
  }

  /** undici reads it when aborted; undefined makes it throw its own RequestAbortedError (an AbortError). */
  get reason(): undefined {
    return undefined;
  }

  on(_event: 'abort', listener: () => void): this {
    this.listeners.add(listener);
    return this;
  }

  addListener(event: 'abort', listener: () => void): this {
    return this.on(event, listener);
  }

  removeListener(_event: 'abort', listener: () => void): this {
    this.listeners.delete(listener);
    return this;
  }

  /** Ends the wait for it once the calls it bounds are over (its timer would hold their listeners). */
  release(): void {
    clearTimeout(this.timer);
    this.listeners.clear();
  }

  private abort(): void {
    this.aborted = true;
    for (const listener of [...this.listeners]) listener();
    this.listeners.clear();
  }
}
