import type { Clock } from '../ports/clock.js';

interface Entry<Value> {
  value: Value;
  /** Epoch milliseconds from which the entry is gone. */
  expiresAt: number;
}

/**
 * A bounded in-memory map whose entries also expire: at most `maxEntries`
 * live at once (the least recently read or written goes first), and an entry
 * read at or after its expiry is gone. Time comes from the injected clock, so
 * tests move time instead of sleeping. Not shared between processes.
 */
export class ExpiringLruCache<Value> {
  // A Map iterates in insertion order; re-inserting on every hit keeps the
  // least recently used entry first, so eviction is O(1) with no extra list.
  private readonly entries = new Map<string, Entry<Value>>();

  /** `maxEntries` 0 keeps nothing (every `get` misses). */
  constructor(private readonly options: { maxEntries: number; clock: Clock }) {
    if (!Number.isInteger(options.maxEntries) || options.maxEntries < 0) {
      throw new RangeError('maxEntries must be a non-negative integer');
    }
  }

  /** Entries held now, expired ones not yet dropped included. */
  get size(): number {
    return this.entries.size;
  }

  /** The live value under `key` (marked most recently used), or undefined; an expired entry is dropped. */
  get(key: string): Value | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    if (this.options.clock.now().getTime() >= entry.expiresAt) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  /**
   * Stores `value` under `key` until `expiresAt` (epoch milliseconds),
   * replacing any entry there, then evicts least recently used entries past
   * `maxEntries`. An already expired value is not stored.
   */
  set(key: string, value: Value, expiresAt: number): void {
    this.entries.delete(key);
    if (this.options.maxEntries === 0 || this.options.clock.now().getTime() >= expiresAt) return;
    this.entries.set(key, { value, expiresAt });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.entries.delete(oldest.value);
    }
  }

  /** Drops every entry. */
  clear(): void {
    this.entries.clear();
  }
}
