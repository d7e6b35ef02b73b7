/**
 * Names under which the PostgreSQL server keeps a statement parsed and planned on each connection, so a statement
 * the platform sends again and again (the inbox, the case list, the caller's user row) skips parse and plan: on the
 * inbox that was a quarter of the server's time per request. A text gets a name the second time it is seen, and
 * only the first `capacity` texts do: SQL assembled from filters comes in many shapes, and every named statement
 * stays on every connection of the pool. Only plain DML and queries are named (a prepared DDL statement is of no use).
 */
export class StatementNames {
  private readonly named = new Map<string, string>();
  private readonly seenOnce = new Set<string>();

  constructor(
    private readonly capacity = 500,
    private readonly seenCapacity = 5_000,
  ) {}

  nameFor(text: string): string | undefined {
    const name = this.named.get(text);
    if (name !== undefined || this.named.size >= this.capacity) return name;
    if (!/^\s*(SELECT|WITH|INSERT|UPDATE|DELETE)\b/i.test(text)) return undefined;
    if (!this.seenOnce.has(text)) {
      if (this.seenOnce.size >= this.seenCapacity) this.seenOnce.clear();
      this.seenOnce.add(text);
      return undefined;
    }
    this.seenOnce.delete(text);
    const given = `citycase_${this.named.size + 1}`;
    this.named.set(text, given);
    return given;
  }
}
