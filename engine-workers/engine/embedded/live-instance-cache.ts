import type { LiveInstance } from './live-instance.ts';

interface Entry {
  live: LiveInstance;
  stateVersion: number;
}

/**
 * Recently stepped instances, kept live between steps so that the next step of the same instance (the jobs a
 * completed user task started, the next task of a busy case) skips recovering it, which is most of a step's CPU.
 * The database stays the truth: an entry is used only when the row still holds the state version it was saved
 * as, so a step taken by another process (or rolled back here) makes it stale. An entry is taken out while in
 * use and put back only after its step committed; the least recently stepped instances go first (~1 MB each).
 */
export class LiveInstanceCache {
  private readonly entries = new Map<string, Entry>();

  constructor(readonly capacity: number) {}

  /** The live instance saved as `stateVersion`, removed from the cache; undefined when absent or stale. */
  take(instanceKey: string, stateVersion: number): LiveInstance | undefined {
    const entry = this.entries.get(instanceKey);
    if (!entry) return undefined;
    this.entries.delete(instanceKey);
    return entry.stateVersion === stateVersion ? entry.live : undefined;
  }

  put(instanceKey: string, live: LiveInstance, stateVersion: number): void {
    if (this.capacity <= 0) return;
    this.entries.delete(instanceKey);
    this.entries.set(instanceKey, { live, stateVersion });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(oldest);
    }
  }

  evict(instanceKey: string): void {
    this.entries.delete(instanceKey);
  }

  get size(): number {
    return this.entries.size;
  }
}
