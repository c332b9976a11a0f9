import type { Clock } from '../ports/clock.js';

/** Default memory of a write: twice the longest fetch cache lifetime (client scope, 30 minutes). */
export const DEFAULT_GENERATION_RETENTION_MS = 2 * 30 * 60 * 1000;

/**
 * This process's write generation of each scope key, for caches of reads:
 * every {@link recordWrite} gives the scope a generation never handed out
 * before (one counter for all scopes), so a cache entry keyed on the
 * generations it read stops matching once any of those scopes is written.
 *
 * Memory stays bounded by recent writes: a scope whose last write is older
 * than `retentionMs` is forgotten and reads 0 again. That is safe only for a
 * cache whose entries live at most `retentionMs`, counted from before it read
 * the generations; the margin over the longest lifetime absorbs small
 * wall-clock steps back.
 *
 * In-process only: writes by another process over the same database are not
 * seen (see docs/decisions/0011-fetch-result-cache.md).
 */
export class ScopeWriteGenerations {
  private lastGeneration = 0;
  // Re-inserted on every write, so iteration order is write order: the sweep stops at the first recent one.
  private readonly latest = new Map<string, { generation: number; writtenAt: number }>();

  constructor(private readonly options: { clock: Clock; retentionMs?: number }) {}

  /** How long a write is remembered, in milliseconds. */
  get retentionMs(): number {
    return this.options.retentionMs ?? DEFAULT_GENERATION_RETENTION_MS;
  }

  /** The scope's current generation: 0 when not written within the retention. */
  generationOf(scopeKey: string): number {
    return this.latest.get(scopeKey)?.generation ?? 0;
  }

  /**
   * Records a write to `scopeKey`. Call it after the write is committed, so
   * that a read which saw the new generation also sees the new data.
   */
  recordWrite(scopeKey: string): void {
    const now = this.options.clock.now().getTime();
    for (const [key, write] of this.latest) {
      if (now - write.writtenAt < this.retentionMs) break;
      this.latest.delete(key);
    }
    this.lastGeneration += 1;
    this.latest.delete(scopeKey);
    this.latest.set(scopeKey, { generation: this.lastGeneration, writtenAt: now });
  }

  /** Scope keys remembered now (for tests and diagnostics). */
  get size(): number {
    return this.latest.size;
  }
}
