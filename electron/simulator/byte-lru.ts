/**
 * A least-recently-used map bounded by total bytes, for the simulator's caches (rendered outputs,
 * resized sources). Evicting is always safe there: rendering is deterministic, so an evicted entry is
 * simply recomputed with identical bytes.
 */
export class ByteLru<V> {
  private entries = new Map<string, { value: V; bytes: number }>();
  private total = 0;

  /** @param budget largest total of `bytes` kept; one entry larger than it is not stored. */
  constructor(private readonly budget: number) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Re-insert to mark as most recently used (Map iterates in insertion order).
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V, bytes: number): void {
    this.delete(key);
    if (bytes > this.budget) return;
    this.entries.set(key, { value, bytes });
    this.total += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.budget) break;
      this.entries.delete(oldest);
      this.total -= entry.bytes;
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.total -= entry.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }
}
