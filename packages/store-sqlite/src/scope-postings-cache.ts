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
  readonly versions: string;
  readonly postings: Map<string, readonly Posting[]>;
  /** Row ids already checked to belong to these scopes, with their memory ids. */
  readonly memoryIds: Map<number, string>;
  /** Stems that match more rows in these scopes than the index scores in JavaScript. */
  readonly tooCommon: Set<string>;
  /** Units counted against the bound: one for the entry, one per posting and per memory id. */
  held: number;
}

/**
 * Per set of scope keys (a fetch's scope plan), the rows each searched stem
 * matched there, with the counts BM25 needs, so a stem searched again in an
 * unchanged scope needs no full-text match, no join and no parsing of stored
 * counts. An entry stands while the scopes' versions in
 * `memory_scope_versions` (kept by triggers on every memory write, from any
 * process) are the ones it was read at; the first look at other versions
 * replaces it. Document frequencies and the average length are table-wide and
 * are not kept here: they are read per search, so scores are the same with
 * or without the cache.
 *
 * Bounded by `maxUnits` (entries, postings and memory ids each count one);
 * the scope sets used least recently go first. An entry evicted, or never
 * kept (a bound of 0), still serves the search that holds it.
 */
export class ScopePostingsCache {
  private readonly entries = new Map<string, ScopeSetEntry>();
  private held = 0;

  constructor(private readonly maxUnits: number) {}

  /** The entry of `scopeKeys` at `versions`: the kept one, or a new empty one in its place. */
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
    if (entry === undefined) {
      entry = { key, versions, postings: new Map(), memoryIds: new Map(), tooCommon: new Set(), held: 1 };
      this.held += 1;
    }
    // Re-inserted: iteration order is least recently used first.
    this.entries.set(key, entry);
    this.evict();
    return entry;
  }

  /** Adds the postings of `stem` to `entry` (the caller scores from them). */
  rememberPostings(entry: ScopeSetEntry, stem: string, postings: readonly Posting[]): void {
    entry.postings.set(stem, postings);
    this.count(entry, postings.length);
  }

  /** Marks `stem` as matching too many rows in `entry`'s scopes to score in JavaScript. */
  rememberTooCommon(entry: ScopeSetEntry, stem: string): void {
    entry.tooCommon.add(stem);
    this.count(entry, 1);
  }

  /** Adds row ids checked to belong to `entry`'s scopes. */
  rememberMemoryIds(entry: ScopeSetEntry, rows: readonly (readonly [number, string])[]): void {
    for (const [rowid, memoryId] of rows) entry.memoryIds.set(rowid, memoryId);
    this.count(entry, rows.length);
  }

  private count(entry: ScopeSetEntry, units: number): void {
    // An entry no longer kept is not counted again.
    if (this.entries.get(entry.key) !== entry) return;
    entry.held += units;
    this.held += units;
    this.evict();
  }

  private evict(): void {
    for (const [key, oldest] of this.entries) {
      if (this.held <= this.maxUnits) return;
      this.held -= oldest.held;
      this.entries.delete(key);
    }
  }
}
