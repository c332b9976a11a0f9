import {
  type IndexHit,
  ScopeVectorCache,
  type ScopeVectorCacheOptions,
  type VectorCacheWarmup,
  type VectorIndex,
  type VectorRow,
} from '@engram/core';
import { isZeroVector } from '@engram/store-sqlite/portable';
import type { PostgresDatabase } from './postgres-pool.js';
import { StatementBatch } from './statement-batch.js';

/** Options of {@link PostgresVectorIndex}. */
export interface PostgresVectorIndexOptions {
  /** The in-process copy of scopes' vectors; `false` reads and scores a scope's rows on every search. */
  cache?: Omit<ScopeVectorCacheOptions, 'smallScopeMisses' | 'largeScopeRows'> | false;
}

/** Cosine similarity of each row to `query`, in float64; the `limit` best, ties by memory id. */
function scoreRows(rows: readonly VectorRow[], query: Float32Array, limit: number): IndexHit[] {
  let queryNorm = 0;
  for (const value of query) queryNorm += value * value;
  const hits: IndexHit[] = [];
  for (const [memoryId, embedding] of rows) {
    const aligned = embedding.byteOffset % 4 === 0 ? embedding : new Uint8Array(embedding);
    const row = new Float32Array(aligned.buffer, aligned.byteOffset, query.length);
    let dot = 0;
    let norm = 0;
    for (let index = 0; index < query.length; index += 1) {
      const value = row[index] as number;
      dot += value * (query[index] as number);
      norm += value * value;
    }
    if (norm === 0 || !Number.isFinite(norm)) continue;
    hits.push({ memoryId, score: dot / Math.sqrt(norm * queryNorm) });
  }
  hits.sort((left, right) => right.score - left.score || (left.memoryId < right.memoryId ? -1 : 1));
  return hits.slice(0, limit);
}

/**
 * {@link VectorIndex} on PostgreSQL without pgvector: an exact search of the
 * caller's scope partitions, every row scored. A scope's vectors are read
 * once into this process's {@link ScopeVectorCache} and searched there; the
 * copy is used only while `vector_scope_versions` (bumped by a trigger on
 * every write, from any node) shows the version it was read at, so a write
 * through another node is seen by the very next search here. The version
 * check is one indexed read per search.
 *
 * Vectors of another dimension than the query's are skipped.
 */
export class PostgresVectorIndex implements VectorIndex {
  private readonly cache: ScopeVectorCache | undefined;

  constructor(
    private readonly database: PostgresDatabase,
    options: PostgresVectorIndexOptions = {},
    private readonly batch: StatementBatch = new StatementBatch(database),
  ) {
    // Admitted at once: reading a scope's rows is the cost either way, so keep them.
    this.cache =
      options.cache === false ? undefined : new ScopeVectorCache({ ...options.cache, smallScopeMisses: 1 });
  }

  /** Best first; score = cosine similarity. Empty for a zero query vector. */
  async nearest(scopeKeys: readonly string[], vector: Float32Array, limit: number): Promise<IndexHit[]> {
    if (scopeKeys.length === 0 || limit <= 0 || vector.length === 0 || isZeroVector(vector)) return [];
    const dimensions = vector.length;
    // Batched with the fetch's entity lookup (one round trip); read after this call, so never stale.
    const versions = await this.batch.rows<{ scope_key: string; version: number }>(
      'SELECT scope_key, version FROM vector_scope_versions WHERE scope_key = ANY($1::text[])',
      [[...new Set(scopeKeys)]],
    );
    const lists = await Promise.all(
      versions.map(async ({ scope_key: scopeKey, version }) => {
        const cache = this.cache;
        const held = cache?.get(scopeKey, dimensions, version);
        if (cache !== undefined && held !== undefined) return cache.nearest(held, vector, limit);
        // Rows are read after the version: a write in between leaves a newer
        // version, and the copy is reloaded at the next search.
        const rows = await this.rowsOf(scopeKey, dimensions);
        const entry = cache?.put(scopeKey, dimensions, version, rows);
        if (cache !== undefined && entry !== undefined) return cache.nearest(entry, vector, limit);
        return scoreRows(rows, vector, limit);
      }),
    );
    if (lists.length === 1) return lists[0] as IndexHit[];
    return lists
      .flat()
      .sort((left, right) => right.score - left.score || (left.memoryId < right.memoryId ? -1 : 1))
      .slice(0, limit);
  }

  /**
   * Copies scopes' vectors of `dimensions` floats into this process's copy,
   * in scope key order, `scopesPerTurn` scopes per read, until the next scope
   * would not fit beside what is held (warming never evicts) or every scope
   * is held; stops early when `signal` aborts. Versions are read before the
   * rows, as a search does: a write meanwhile (on any node) leaves a newer
   * version, and that scope is read afresh at its next search. Without a
   * copy it does nothing.
   */
  async warmCache(
    dimensions: number,
    options: { scopesPerTurn?: number; signal?: AbortSignal } = {},
  ): Promise<VectorCacheWarmup> {
    const warmed: VectorCacheWarmup = { scopes: 0, vectors: 0, bytes: 0, complete: true };
    const cache = this.cache;
    if (cache === undefined || dimensions <= 0) return warmed;
    const scopesPerTurn = options.scopesPerTurn ?? 64;
    const { rows: versions } = await this.database.query<{ scope_key: string; version: number }>(
      'SELECT scope_key, version FROM vector_scope_versions ORDER BY scope_key',
    );
    for (let start = 0; start < versions.length; start += scopesPerTurn) {
      if (options.signal?.aborted) return { ...warmed, complete: false };
      const batch = versions
        .slice(start, start + scopesPerTurn)
        .filter((entry) => !cache.holds(entry.scope_key, dimensions));
      if (batch.length === 0) continue;
      const { rows } = await this.database.query<{ scope_key: string; memory_id: string; embedding: Buffer }>(
        `SELECT scope_key, memory_id, embedding FROM memory_vectors
         WHERE scope_key = ANY($1::text[]) AND dimensions = $2 ORDER BY scope_key`,
        [batch.map((entry) => entry.scope_key), dimensions],
      );
      const byScope = new Map<string, VectorRow[]>();
      for (const row of rows) {
        const list = byScope.get(row.scope_key) ?? [];
        list.push([row.memory_id, row.embedding]);
        byScope.set(row.scope_key, list);
      }
      for (const { scope_key: scopeKey, version } of batch) {
        const scopeRows = byScope.get(scopeKey);
        if (scopeRows === undefined) continue;
        if (!cache.hasRoomFor(scopeRows.length, dimensions)) return { ...warmed, complete: false };
        const entry = cache.put(scopeKey, dimensions, version, scopeRows);
        if (entry === undefined) continue;
        warmed.scopes += 1;
        warmed.vectors += entry.ids.length;
        warmed.bytes += entry.bytes;
      }
    }
    return warmed;
  }

  private async rowsOf(scopeKey: string, dimensions: number): Promise<VectorRow[]> {
    const { rows } = await this.database.query<{ memory_id: string; embedding: Buffer }>(
      'SELECT memory_id, embedding FROM memory_vectors WHERE scope_key = $1 AND dimensions = $2',
      [scopeKey, dimensions],
    );
    return rows.map((row) => [row.memory_id, row.embedding] as const);
  }
}
