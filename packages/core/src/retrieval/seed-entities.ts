import type { RankedCandidate } from './ranked-candidate.js';

/** Best candidates whose entities {@link coMentionShares} follows. */
export const CO_MENTION_SEEDS = 5;

/** An entity linked to at least this share of the pool (a chat's speakers) is not followed. */
const HUB_SHARE = 0.1;

/**
 * Pseudo-relevance through the graph, inside the loaded pool (no read): a
 * multi-hop question ("What activities has Mel done with her family?") often
 * shares no word with part of its evidence, but that evidence shares an
 * entity ("camping", "the kids") with the question's best direct matches.
 * Per candidate of `ranked` (best first), the best score, over the first
 * candidate's, of one of the best `CO_MENTION_SEEDS` candidates other than
 * itself that is linked to one of its entities; hubs (entities linked to a
 * tenth of the pool, and to three memories at least) are not followed. 0
 * when none, and for every candidate of a pool under 8 or scored 0. The
 * re-ranker weighs it (a feature, so the fit decides how far it may lift a
 * memory); as a direct lift of `fast`'s scores it lost recall (decision
 * 0056). Pure.
 */
export function coMentionShares(ranked: readonly RankedCandidate[]): number[] {
  const top = ranked[0]?.score ?? 0;
  if (top <= 0 || ranked.length < 8) return ranked.map(() => 0);
  const hubs = hubEntities(ranked);
  const seeds = ranked.slice(0, CO_MENTION_SEEDS).map((seed) => ({
    score: seed.score,
    entities: new Set(seed.links.map((link) => link.entityId).filter((entityId) => !hubs.has(entityId))),
  }));
  return ranked.map((candidate, position) => {
    let best = 0;
    for (const [index, seed] of seeds.entries()) {
      if (index === position || seed.score <= best) continue;
      if (candidate.links.some((link) => seed.entities.has(link.entityId))) best = seed.score;
    }
    return best / top;
  });
}

/** Entities linked to at least `HUB_SHARE` of the pool's memories, and to three at least. */
function hubEntities(pool: readonly RankedCandidate[]): Set<string> {
  const counts = new Map<string, number>();
  for (const candidate of pool)
    for (const entityId of new Set(candidate.links.map((link) => link.entityId)))
      counts.set(entityId, (counts.get(entityId) ?? 0) + 1);
  const hubs = new Set<string>();
  for (const [entityId, count] of counts)
    if (count >= Math.max(3, HUB_SHARE * pool.length)) hubs.add(entityId);
  return hubs;
}
