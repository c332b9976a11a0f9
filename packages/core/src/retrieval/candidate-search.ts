import type { StoredEntity } from '../domain/stored-memory.js';
import type { GraphStore, IndexHit, TextIndex, VectorIndex } from '../ports/memory-store.js';
import type { QueryAnalysis } from './query-analysis.js';

/** The indexes one query is searched in. */
export interface SearchIndexes {
  vectors: VectorIndex;
  text: TextIndex;
  graph: GraphStore;
}

/** How many hits each signal may contribute. */
export interface SearchLimits {
  text: number;
  vector: number;
  /** Per matched entity; entities with more memories than this are not listed (see {@link searchQuery}). */
  entity: number;
  /** Most entities whose memories are listed. */
  entities: number;
}

/** The raw hits of one query, per signal, before fusion. */
export interface QueryHits {
  text: IndexHit[];
  vector: IndexHit[];
  /** Score: summed specificity of the query entities a memory is linked to. */
  entity: IndexHit[];
  /** Stored entities the query names (canonical name or alias), in scope. */
  entities: StoredEntity[];
}

/**
 * Default limits: wide enough for fusion and priors to reorder, small enough
 * for a few milliseconds. Vectors get more room than BM25: cosines are
 * min-max normalised over the list, so a longer list spreads them further,
 * and the session prior needs the weak vector matches of a strong session;
 * a longer BM25 list added nothing (measurements: docs/decisions/0044).
 */
export const DEFAULT_SEARCH_LIMITS: SearchLimits = { text: 100, vector: 150, entity: 100, entities: 8 };

/**
 * Searches one query in every index, in parallel, restricted to `scopeKeys`:
 * BM25 over the query terms, nearest vectors to `embedding` (skipped for a
 * zero vector: a query with no known words), and the memories of stored
 * entities the query names. An entity linked to more than `limits.entity`
 * memories (a speaker who appears everywhere) is returned in `entities` but
 * its memories are not listed: its most recent memories would be an arbitrary
 * sample, and the person boost covers it instead. Rarer entities weigh more.
 */
export async function searchQuery(
  indexes: SearchIndexes,
  scopeKeys: readonly string[],
  analysis: QueryAnalysis,
  embedding: Float32Array | undefined,
  limits: SearchLimits = DEFAULT_SEARCH_LIMITS,
): Promise<QueryHits> {
  const names = [...new Set([...analysis.entityNames, ...analysis.names])];
  const vectorSearch =
    embedding === undefined || isZero(embedding)
      ? []
      : indexes.vectors.nearest(scopeKeys, embedding, limits.vector);
  const entities = names.length === 0 ? [] : await indexes.graph.findEntities(scopeKeys, names);
  const terms = withoutHubNames(analysis.terms, entities, limits.entity);
  const listed = entities
    .filter((entity) => entity.mentionCount <= limits.entity)
    .sort((left, right) => left.mentionCount - right.mentionCount)
    .slice(0, limits.entities);
  // The three reads are independent: in parallel, each entity's memories in one read.
  const [text, vector, memoryIds] = await Promise.all([
    terms.length === 0 ? [] : indexes.text.search(scopeKeys, terms, limits.text),
    vectorSearch,
    listed.length === 0
      ? new Map<string, string[]>()
      : indexes.graph.memoryIdsPerEntity(
          listed.map((entity) => entity.entityId),
          limits.entity,
        ),
  ]);
  const entityScores = new Map<string, number>();
  listed.forEach((entity) => {
    const weight = entitySpecificity(entity.mentionCount);
    for (const memoryId of memoryIds.get(entity.entityId) ?? []) {
      entityScores.set(memoryId, (entityScores.get(memoryId) ?? 0) + weight);
    }
  });
  const entity = [...entityScores].map(([memoryId, score]) => ({ memoryId, score }));
  return { text, vector, entity, entities };
}

/** 1 for an entity mentioned once, falling slowly with mentions (an IDF-like weight). */
export function entitySpecificity(mentionCount: number): number {
  return 1 / Math.log(Math.E + Math.max(0, mentionCount - 1));
}

function isZero(vector: Float32Array): boolean {
  for (const value of vector) if (value !== 0) return false;
  return true;
}

/**
 * The query terms without the one-word names of hub entities (linked to more
 * than `hubMentions` memories, like a chat's speakers): such a term matches
 * most of the scope, so it adds almost nothing to BM25 yet makes the index
 * score every row. The person prior ranks the named person's memories instead.
 */
function withoutHubNames(
  terms: readonly string[],
  entities: readonly StoredEntity[],
  hubMentions: number,
): string[] {
  const hubNames = new Set<string>();
  for (const entity of entities) {
    if (entity.mentionCount <= hubMentions) continue;
    for (const name of [entity.canonicalName, ...entity.aliases]) hubNames.add(name.toLowerCase());
  }
  const kept = terms.filter((term) => !hubNames.has(term));
  return kept.length > 0 ? kept : [...terms];
}
