// Who is a member of which server (README §10): explicit, so a tag alone never makes anyone a member.
// Kept cheap for benchmarks: a map per server, and its ids sorted once per change for List Guild Members.

interface Roster {
  joinedAt: Map<string, number>;
  /** Ids ascending as snowflakes (numbers, not strings); rebuilt lazily after a change. */
  sorted?: { id: string; n: bigint }[];
}

export class MemberStore {
  private guilds = new Map<string, Roster>();

  /** False when the user was already a member. */
  add(guildId: string, userId: string, joinedAt: number): boolean {
    let roster = this.guilds.get(guildId);
    if (!roster) this.guilds.set(guildId, (roster = { joinedAt: new Map() }));
    if (roster.joinedAt.has(userId)) return false;
    roster.joinedAt.set(userId, joinedAt);
    roster.sorted = undefined;
    return true;
  }

  /** False when the user was not a member. */
  remove(guildId: string, userId: string): boolean {
    const roster = this.guilds.get(guildId);
    if (!roster?.joinedAt.delete(userId)) return false;
    roster.sorted = undefined;
    return true;
  }

  joinedAt(guildId: string, userId: string): number | undefined {
    return this.guilds.get(guildId)?.joinedAt.get(userId);
  }

  count(guildId: string): number {
    return this.guilds.get(guildId)?.joinedAt.size ?? 0;
  }

  /** Member ids ascending by snowflake. */
  ids(guildId: string): string[] {
    return this.ordered(guildId).map((entry) => entry.id);
  }

  /** Up to `limit` member ids greater than `after`, ascending. */
  page(guildId: string, after: bigint, limit: number): string[] {
    const list = this.ordered(guildId);
    let low = 0;
    let high = list.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (list[mid]!.n <= after) low = mid + 1;
      else high = mid;
    }
    return list.slice(low, low + limit).map((entry) => entry.id);
  }

  /** Every server with at least one member, with its ids ascending. */
  all(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const [guildId, roster] of this.guilds) if (roster.joinedAt.size > 0) out[guildId] = this.ids(guildId);
    return out;
  }

  clear(): void {
    this.guilds.clear();
  }

  private ordered(guildId: string): { id: string; n: bigint }[] {
    const roster = this.guilds.get(guildId);
    if (!roster) return [];
    roster.sorted ??= [...roster.joinedAt.keys()]
      .map((id) => ({ id, n: BigInt(id) }))
      .sort((a, b) => (a.n < b.n ? -1 : a.n > b.n ? 1 : 0));
    return roster.sorted;
  }
}
