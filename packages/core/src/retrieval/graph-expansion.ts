import type { EntityLink } from '../domain/stored-memory.js';
import type { GraphStore } from '../ports/memory-store.js';

/** A ranked memory the expansion starts from. */
export interface ExpansionSeed {
  memoryId: string;
  score: number;
  links: readonly EntityLink[];
}

/** Tuning of {@link expandByGraph}. */
export interface GraphExpansionOptions {
  /** Best direct hits whose entities are followed. */
  seedCount: number;
  /** Score share carried over each hop (entity of a hit, then an edge to a neighbour). */
  hopDecay: number;
  /** An entity linked to at least this share of the candidate pool is a hub (a speaker): not followed. */
  hubShare: number;
  /** Most entities followed per hop, best scored first. */
  maxEntities: number;
  maxEdges: number;
  /** Most memory ids pulled per hop. */
  memoryLimit: number;
}

/**
 * Defaults: two hops, each carrying 30% of the score that led to it, so a
 * reached memory ranks among weak direct hits unless re-ranking finds the
 * query's words in it (at 55% it crowded out direct hits on LoCoMo).
 */
export const GRAPH_EXPANSION: GraphExpansionOptions = {
  seedCount: 10,
  hopDecay: 0.3,
  hubShare: 0.3,
  maxEntities: 12,
  maxEdges: 200,
  memoryLimit: 100,
};

/** What the expansion reached: memory ids to load, and the score each reached entity carries. */
export interface GraphExpansion {
  memoryIds: string[];
  /** Entity id → score a memory linked to it inherits (already decayed by its hops). */
  entityScores: Map<string, number>;
}

/**
 * Multi-hop expansion over the entity graph: the entities of the best direct
 * hits and those the query names (hop 1), then entities joined to them by an
 * edge (hop 2); the memories linked to any reached entity become candidates
 * scoring below the hit that led to them ({@link expansionScore}). Hubs, the
 * entities linked to a large share of `pool` (a chat's two speakers), are
 * never followed: every memory would be their neighbour. Edges outside
 * `scopeKeys` are ignored. Memory ids may include ones outside scope; the
 * caller loads them through scope-restricted reads.
 */
export async function expandByGraph(
  graph: GraphStore,
  scopeKeys: readonly string[],
  seeds: readonly ExpansionSeed[],
  queryEntityIds: readonly string[],
  pool: readonly { links: readonly EntityLink[] }[],
  options: GraphExpansionOptions = GRAPH_EXPANSION,
): Promise<GraphExpansion> {
  const hubs = hubEntities(pool, options.hubShare);
  const ranked = [...seeds].sort((left, right) => right.score - left.score).slice(0, options.seedCount);
  const topScore = ranked[0]?.score ?? 0;
  const firstHop = new Map<string, number>();
  const reach = (scores: Map<string, number>, entityId: string, score: number) => {
    if (hubs.has(entityId) || score <= 0) return;
    if (score > (scores.get(entityId) ?? 0)) scores.set(entityId, score);
  };
  for (const seed of ranked)
    for (const link of seed.links) reach(firstHop, link.entityId, seed.score * options.hopDecay);
  for (const entityId of queryEntityIds) reach(firstHop, entityId, topScore * options.hopDecay);
  const firstIds = topEntities(firstHop, options.maxEntities);
  if (firstIds.length === 0) return { memoryIds: [], entityScores: new Map() };

  const allowed = new Set(scopeKeys);
  const [firstMemories, edges] = await Promise.all([
    graph.memoryIdsOfEntities(firstIds, options.memoryLimit),
    graph.edgesOf(firstIds, options.maxEdges),
  ]);
  const secondHop = new Map<string, number>();
  for (const edge of edges) {
    if (!allowed.has(edge.scopeKey)) continue;
    for (const [from, to] of [
      [edge.subjectEntityId, edge.objectEntityId],
      [edge.objectEntityId, edge.subjectEntityId],
    ] as const) {
      const score = firstHop.get(from);
      if (score !== undefined && !firstHop.has(to)) reach(secondHop, to, score * options.hopDecay);
    }
  }
  const secondIds = topEntities(secondHop, options.maxEntities);
  const secondMemories =
    secondIds.length === 0 ? [] : await graph.memoryIdsOfEntities(secondIds, options.memoryLimit);
  const entityScores = new Map(firstHop);
  for (const [entityId, score] of secondHop) entityScores.set(entityId, score);
  return {
    memoryIds: [...new Set([...firstMemories, ...secondMemories, ...edges.map((edge) => edge.memoryId)])],
    entityScores,
  };
}

/** The score a memory inherits from the best reached entity it is linked to (0 when none). */
export function expansionScore(
  links: readonly EntityLink[],
  entityScores: ReadonlyMap<string, number>,
): number {
  let best = 0;
  for (const link of links) best = Math.max(best, entityScores.get(link.entityId) ?? 0);
  return best;
}

/** Entities linked to at least `share` of the pool's memories, when the pool is big enough to tell. */
function hubEntities(pool: readonly { links: readonly EntityLink[] }[], share: number): Set<string> {
  const hubs = new Set<string>();
  if (pool.length < 8) return hubs;
  const counts = new Map<string, number>();
  for (const entry of pool) {
    for (const entityId of new Set(entry.links.map((link) => link.entityId))) {
      counts.set(entityId, (counts.get(entityId) ?? 0) + 1);
    }
  }
  for (const [entityId, count] of counts) if (count >= share * pool.length) hubs.add(entityId);
  return hubs;
}

function topEntities(scores: ReadonlyMap<string, number>, limit: number): string[] {
  return [...scores]
    .sort((left, right) => right[1] - left[1])
    .slice(0, limit)
    .map(([entityId]) => entityId);
}
