// The set of members a refresh run has already handed on, in 8 bytes per Discord id: a run over the
// tag servers' lists remembers every linked member it meets, and as a Set of strings 100,000 ids
// held about 5 MB, a third of what the job grows by between 10,000 and 100,000 members. Ids that
// are not snowflakes (only tests make them) go to an ordinary Set.

const SNOWFLAKE = /^[1-9]\d{0,19}$/;
const MAX = (1n << 64n) - 1n;

export class IdSet {
  // Open addressing, linear probing; 0 marks a free slot (no snowflake is 0).
  private slots = new BigUint64Array(1024);
  private count = 0;
  private readonly others = new Set<string>();

  get size(): number {
    return this.count + this.others.size;
  }

  has(id: string): boolean {
    const key = keyOf(id);
    if (key === null) return this.others.has(id);
    return this.slots[this.find(key)] === key;
  }

  add(id: string): this {
    const key = keyOf(id);
    if (key === null) {
      this.others.add(id);
      return this;
    }
    const at = this.find(key);
    if (this.slots[at] === key) return this;
    this.slots[at] = key;
    this.count += 1;
    if (this.count * 4 > this.slots.length * 3) this.grow();
    return this;
  }

  /** The slot holding `key`, or the free slot where it belongs. */
  private find(key: bigint): number {
    const mask = this.slots.length - 1;
    // The low bits of a snowflake are a per-process counter and the high bits a time: mix both.
    let at = Number(BigInt.asUintN(32, (key ^ (key >> 29n)) * 0x9e3779b1n)) & mask;
    while (this.slots[at] !== 0n && this.slots[at] !== key) at = (at + 1) & mask;
    return at;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new BigUint64Array(old.length * 2);
    for (const key of old) if (key !== 0n) this.slots[this.find(key)] = key;
  }
}

function keyOf(id: string): bigint | null {
  if (!SNOWFLAKE.test(id)) return null;
  const key = BigInt(id);
  return key <= MAX ? key : null;
}
