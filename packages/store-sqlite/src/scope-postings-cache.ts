/** One memory row matching one stem in a scope: what BM25 needs of it. */
export interface Posting {
  rowid: number;
  /** The row's tokens over all columns (bm25's document length). */
  tokens: number;
  /** The stem's count in the memory's own text and in its context lines. */
  body: number;
  context: number;
}

/** What {@link ScopePostingsCache} holds for one set of scope keys. */
export interface ScopeSetEntry {
  readonly key: string;
  /** The versions (memory_scope_versions) of each scope key, in the key order, when the postings were read. */
  versions: string;
  postings: Map<string, readonly Posting[]>;
  /** Row ids already checked to belong to these scopes, with their memory ids. */
  memoryIds: Map<number, string>;
  held: number;
}

/**
 * Per set of scope keys (a fetch's scope plan), the rows each searched stem
 * matched there, with the counts BM25 needs, so a stem searched again in an
 * unchanged scope needs no full-text match, no join and no parsing of stored
 * counts. An entry stands while the scopes' versions in
 * `memory_scope_versions` (kept by triggers on every memory write, from any
 * process) are the ones it was read at; the first look at other versions
 * drops it. Document frequencies and the average length are table-wide and
 * are not kept here: they are read per search as before, so scores are the
 * same with or without the cache. Bounded by postings held; the scope sets
 * used least recently go first.
 */
export class ScopePostingsCache {
  private readonly entries = new Map<string, ScopeSetEntry>();
  private held = 0;

  constructor(private readonly maxPostings: number) {}

  /** The entry of `scopeKeys` at `versions`, made empty when absent or at other versions. */
  entryFor(scopeKeys: readonly string[], versions: string): ScopeSetEntry {
    const key = scopeKeys.join('\u0000');
    let entry = this.entries.get(key);
    if (entry !== undefined) {
      this.entries.delete(key);
      if (entry.versions !== versions) {
        this.held -= entry.held;
        entry = undefined;
      }
    }
    entry ??= { key, versions, postings: new Map(), memoryIds: new Map(), held: 0 };
    // Re-inserted: iteration order is least recently used first.
    this.entries.set(key, entry);
    return entry;
  }

  /**
   * Adds `postings` of `stem` to `entry` (the caller scores from it), then
   * evicts the least recent entries over the bound, `entry` too if it alone
   * exceeds it.
   */
  remember(entry: ScopeSetEntry, stem: string, postings: readonly Posting[]): void {
    // The search that read them scores from the entry even when it is not kept;
    // an entry evicted while its search ran is not counted again.
    entry.postings.set(stem, postings);
    if (this.entries.get(entry.key) !== entry) return;
    entry.held += postings.length;
    this.held += postings.length;
    for (const [key, oldest] of this.entries) {
      if (this.held <= this.maxPostings) return;
      this.held -= oldest.held;
      this.entries.delete(key);
    }
  }
}
