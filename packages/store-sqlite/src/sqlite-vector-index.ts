import type { IndexHit, VectorIndex } from '@engram/core';
import type { SqliteHandle } from './sqlite-database.js';
import { isZeroVector, vectorBlob } from './vector-blob.js';

/**
 * {@link VectorIndex} on SQLite: an exact scan of the caller's scope
 * partitions with sqlite-vec's `vec_distance_cosine`. Queries are per
 * tenant, so an exact scan of one clustered key range beats an approximate
 * index with a tenant filter (see docs: "Measured here").
 *
 * Stored vectors of another dimension than the query's (written before an
 * embedder change) are skipped rather than failing the search.
 */
export class SqliteVectorIndex implements VectorIndex {
  private readonly nearestStatement;

  constructor(database: SqliteHandle) {
    // NULLS LAST: a zero vector has no cosine and yields NULL, which would
    // otherwise sort first.
    this.nearestStatement = database.prepare(`
      SELECT memory_id, vec_distance_cosine(embedding, @vector) AS distance
      FROM memory_vectors
      WHERE scope_key IN (SELECT value FROM json_each(@scopeKeys)) AND length(embedding) = @bytes
      ORDER BY distance NULLS LAST
      LIMIT @limit`);
  }

  /** Best first; score = cosine similarity (1 - cosine distance). Empty for a zero query vector. */
  async nearest(scopeKeys: readonly string[], vector: Float32Array, limit: number): Promise<IndexHit[]> {
    if (scopeKeys.length === 0 || limit <= 0 || vector.length === 0 || isZeroVector(vector)) return [];
    const rows = this.nearestStatement.all({
      vector: vectorBlob(vector),
      scopeKeys: JSON.stringify(scopeKeys),
      bytes: vector.byteLength,
      limit,
    }) as { memory_id: string; distance: number | null }[];
    const hits: IndexHit[] = [];
    for (const row of rows) {
      if (row.distance !== null) hits.push({ memoryId: row.memory_id, score: 1 - row.distance });
    }
    return hits;
  }
}
