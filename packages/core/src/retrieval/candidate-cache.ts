import type { EntityLink, StoredMemory } from '../domain/stored-memory.js';

/** One loaded candidate as the cache keeps it: the memory and its entity links, shared read-only. */
export interface CachedCandidate {
  memory: StoredMemory;
  links: EntityLink[];
}

/** Options of {@link CandidateCache}. */
export interface CandidateCacheOptions {
  /** Most memories held over all scopes; the scopes used least recently go first. */
  maxMemories: number;
}

interface ScopeEntry {
  /** The scope's `memoryScopeVersions` value the rows were read at. */
  version: number;
  rows: Map<string, CachedCandidate>;
}

/**
 * Candidates (memory rows and their entity links) loaded by earlier fetches,
 * per scope key, each scope held at the version its rows were read at (the
 * store's `memoryScopeVersions`). A fetch that finds its scope at the same
 * version takes the rows from here instead of reading and parsing them
 * again; the first look at a newer version drops the scope's rows. Because
 * the versions live in the database and every writer moves them, writes by
 * other processes and nodes are seen at the next fetch.
 *
 * The objects handed out are shared between fetches: callers must not
 * change them (retrieval builds new candidates around them). Sharing is
 * also the point: per-memory work remembered by object (word lists) then
 * outlives one fetch.
 */
export class CandidateCache {
  private readonly scopes = new Map<string, ScopeEntry>();
  private held = 0;

  constructor(private readonly options: CandidateCacheOptions) {}

  /**
   * The cached rows of `memoryIds` found in `scopeKeys` at `versions` (the
   * versions the caller just read), and the ids not found. Scopes held at
   * another version are dropped first. Only the given scopes are looked at,
   * so a memory of another scope never comes back.
   */
  lookup(
    scopeKeys: readonly string[],
    versions: ReadonlyMap<string, number>,
    memoryIds: readonly string[],
  ): { found: CachedCandidate[]; missing: string[] } {
    const current: ScopeEntry[] = [];
    for (const scopeKey of scopeKeys) {
      const entry = this.scopes.get(scopeKey);
      if (entry === undefined) continue;
      if (entry.version !== versions.get(scopeKey)) {
        this.drop(scopeKey, entry);
        continue;
      }
      // Re-inserted: iteration order is least recently used first.
      this.scopes.delete(scopeKey);
      this.scopes.set(scopeKey, entry);
      current.push(entry);
    }
    const found: CachedCandidate[] = [];
    const missing: string[] = [];
    for (const memoryId of memoryIds) {
      let row: CachedCandidate | undefined;
      for (const entry of current) {
        row = entry.rows.get(memoryId);
        if (row !== undefined) break;
      }
      if (row === undefined) missing.push(memoryId);
      else found.push(row);
    }
    return { found, missing };
  }

  /**
   * Keeps rows read from the store after `versions` were read (so a write
   * between the two makes the version newer than the rows' label, and the
   * next lookup drops them rather than serving them). Rows of a scope absent
   * from `versions` are not kept.
   */
  remember(versions: ReadonlyMap<string, number>, rows: readonly CachedCandidate[]): void {
    if (this.options.maxMemories <= 0) return;
    for (const row of rows) {
      const scopeKey = row.memory.owner.scopeKey;
      const version = versions.get(scopeKey);
      if (version === undefined) continue;
      let entry = this.scopes.get(scopeKey);
      if (entry !== undefined && entry.version !== version) {
        this.drop(scopeKey, entry);
        entry = undefined;
      }
      if (entry === undefined) {
        entry = { version, rows: new Map() };
        this.scopes.set(scopeKey, entry);
      }
      if (!entry.rows.has(row.memory.memoryId)) this.held++;
      entry.rows.set(row.memory.memoryId, row);
    }
    this.evict();
  }

  /** Memories held now (for tests and diagnostics). */
  get size(): number {
    return this.held;
  }

  private evict(): void {
    for (const [scopeKey, entry] of this.scopes) {
      if (this.held <= this.options.maxMemories) return;
      this.drop(scopeKey, entry);
    }
  }

  private drop(scopeKey: string, entry: ScopeEntry): void {
    this.held -= entry.rows.size;
    this.scopes.delete(scopeKey);
  }
}
