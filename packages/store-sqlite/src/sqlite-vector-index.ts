import type { IndexHit, VectorCacheWarmup, VectorIndex } from '@engram/core';
import { ScopeVectorCache, type ScopeVectorCacheOptions, type VectorRow } from '@engram/core';
import type { SqliteHandle } from './sqlite-database.js';
import { isZeroVector, vectorBlob } from './vector-blob.js';

/** Options of {@link SqliteVectorIndex}. */
export interface SqliteVectorIndexOptions {
  /** The in-process copy of hot scopes' vectors; `false` always scans in SQLite. */
  cache?: ScopeVectorCacheOptions | false;
}

/**
 * {@link VectorIndex} on SQLite: an exact search of the caller's scope
 * partitions. Queries are per tenant, so an exhaustive scan of one clustered
 * key range beats an approximate index with a tenant filter (see docs:
 * "Measured here"). Large scopes searched again, and small ones searched
 * often, are copied into a {@link ScopeVectorCache} and scanned there (about
 * thirty times faster than `vec_distance_cosine` row by row); the others are
 * scanned in SQLite. Either
 * way every row of the scope is scored, so results are exact. The copy of a
 * scope is used only while `vector_scope_versions` (kept by triggers on
 * every write, from any process) still shows the version it was read at.
 *
 * Stored vectors of another dimension than the query's (written before an
 * embedder change) are skipped rather than failing the search.
 */
export class SqliteVectorIndex implements VectorIndex {
  private readonly statements;
  private readonly cache: ScopeVectorCache | undefined;

  constructor(database: SqliteHandle, options: SqliteVectorIndexOptions = {}) {
    this.cache = options.cache === false ? undefined : new ScopeVectorCache(options.cache);
    this.statements = {
      // NULLS LAST: a zero vector has no cosine and yields NULL, which would
      // otherwise sort first.
      nearest: database.prepare(`
        SELECT memory_id, vec_distance_cosine(embedding, @vector) AS distance
        FROM memory_vectors
        WHERE scope_key IN (SELECT value FROM json_each(@scopeKeys)) AND length(embedding) = @bytes
        ORDER BY distance NULLS LAST
        LIMIT @limit`),
      // The common case, one scope left to scan: no json_each.
      nearestInScope: database.prepare(`
        SELECT memory_id, vec_distance_cosine(embedding, @vector) AS distance
        FROM memory_vectors
        WHERE scope_key = @scopeKey AND length(embedding) = @bytes
        ORDER BY distance NULLS LAST
        LIMIT @limit`),
      versions: database
        .prepare(
          'SELECT scope_key, version FROM vector_scope_versions WHERE scope_key IN (SELECT value FROM json_each(?))',
        )
        .raw(),
      countOfScope: database
        .prepare('SELECT count(*) FROM memory_vectors WHERE scope_key = ? AND length(embedding) = ?')
        .pluck(),
      allVersions: database
        .prepare('SELECT scope_key, version FROM vector_scope_versions ORDER BY scope_key')
        .raw(),
      rowsOfScope: database
        .prepare(
          'SELECT memory_id, embedding FROM memory_vectors WHERE scope_key = ? AND length(embedding) = ?',
        )
        .raw(),
    };
  }

  /** Best first; score = cosine similarity (1 - cosine distance). Empty for a zero query vector. */
  async nearest(scopeKeys: readonly string[], vector: Float32Array, limit: number): Promise<IndexHit[]> {
    if (scopeKeys.length === 0 || limit <= 0 || vector.length === 0 || isZeroVector(vector)) return [];
    const cache = this.cache;
    if (cache === undefined) return this.scan(scopeKeys, vector, limit);
    // A scope without a version row has never held a vector: nothing to read.
    const versions = new Map(this.statements.versions.all(JSON.stringify(scopeKeys)) as [string, number][]);
    const dimensions = vector.length;
    const lists: IndexHit[][] = [];
    const scanned: string[] = [];
    for (const [scopeKey, version] of versions) {
      // A scope held at an older version was hot: it is reloaded at once.
      const held = cache.holds(scopeKey, dimensions);
      let entry = cache.get(scopeKey, dimensions, version);
      const countRows = () => this.statements.countOfScope.get(scopeKey, vector.byteLength) as number;
      if (entry === undefined && (held || cache.admit(scopeKey, dimensions, countRows))) {
        // Rows are read after the version: a write in between leaves a newer
        // version in the table, and the copy is reloaded at the next search.
        const rows = this.statements.rowsOfScope.all(scopeKey, vector.byteLength) as VectorRow[];
        entry = cache.put(scopeKey, dimensions, version, rows);
      }
      if (entry === undefined) scanned.push(scopeKey);
      else lists.push(cache.nearest(entry, vector, limit));
    }
    if (scanned.length > 0) lists.push(this.scan(scanned, vector, limit));
    if (lists.length === 1) return lists[0] as IndexHit[];
    return lists
      .flat()
      .sort((left, right) => right.score - left.score || (left.memoryId < right.memoryId ? -1 : 1))
      .slice(0, limit);
  }

  /**
   * Copies scopes' vectors of `dimensions` floats into the cache, scope by
   * scope in key order, until the next scope would not fit beside what is
   * held (warming never evicts) or every scope is held. Yields to the event
   * loop every `scopesPerTurn` scopes so requests are served meanwhile, and
   * stops early when `signal` aborts. Versions are read before any rows, as a
   * search does: a write during warming leaves a newer version in the table,
   * and that scope is read afresh at its next search. Without a cache it does
   * nothing.
   */
  async warmCache(
    dimensions: number,
    options: { scopesPerTurn?: number; signal?: AbortSignal } = {},
  ): Promise<VectorCacheWarmup> {
    const warmed: VectorCacheWarmup = { scopes: 0, vectors: 0, bytes: 0, complete: true };
    const cache = this.cache;
    if (cache === undefined || dimensions <= 0) return warmed;
    const scopesPerTurn = options.scopesPerTurn ?? 64;
    const versions = this.statements.allVersions.all() as [string, number][];
    for (let index = 0; index < versions.length; index += 1) {
      if (index > 0 && index % scopesPerTurn === 0) {
        await new Promise((resolve) => setImmediate(resolve));
        if (options.signal?.aborted) return { ...warmed, complete: false };
      }
      const [scopeKey, version] = versions[index] as [string, number];
      if (cache.holds(scopeKey, dimensions)) continue;
      const rows = this.statements.rowsOfScope.all(scopeKey, dimensions * 4) as VectorRow[];
      if (rows.length === 0) continue;
      if (!cache.hasRoomFor(rows.length, dimensions)) return { ...warmed, complete: false };
      const entry = cache.put(scopeKey, dimensions, version, rows);
      if (entry === undefined) continue;
      warmed.scopes += 1;
      warmed.vectors += entry.ids.length;
      warmed.bytes += entry.bytes;
    }
    return warmed;
  }

  /** The exact search in SQLite, one row at a time. */
  private scan(scopeKeys: readonly string[], vector: Float32Array, limit: number): IndexHit[] {
    const parameters = { vector: vectorBlob(vector), bytes: vector.byteLength, limit };
    const rows = (
      scopeKeys.length === 1
        ? this.statements.nearestInScope.all({ ...parameters, scopeKey: scopeKeys[0] })
        : this.statements.nearest.all({ ...parameters, scopeKeys: JSON.stringify(scopeKeys) })
    ) as { memory_id: string; distance: number | null }[];
    const hits: IndexHit[] = [];
    for (const row of rows) {
      if (row.distance !== null) hits.push({ memoryId: row.memory_id, score: 1 - row.distance });
    }
    return hits;
  }
}
