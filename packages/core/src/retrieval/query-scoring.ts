import type { StoredEntity } from '../domain/stored-memory.js';
import type { QueryAnalysis } from './query-analysis.js';
import type { RankedCandidate } from './ranked-candidate.js';
import { type PriorContext, priorFactor } from './ranking-priors.js';
import type { FusedScore } from './score-fusion.js';
import { SESSION_PRIOR, sessionPriorScores } from './session-prior.js';

/** The priors' view of a query: its analysis plus the stored people it names. */
export function priorContextOf(
  analysis: QueryAnalysis,
  entities: readonly StoredEntity[],
  now: number,
): PriorContext {
  const people = entities.filter((entity) => entity.type === 'person');
  return {
    now,
    asksWhen: analysis.asksWhen,
    asksForList: analysis.asksForList,
    times: analysis.times,
    names: new Set(analysis.names),
    entityIds: new Set(people.map((entity) => entity.entityId)),
  };
}

/**
 * One query's score for each loaded candidate it found: fused score × the
 * memory's priors, lifted by its session's prior ({@link sessionPriorScores};
 * not for a query asking for a list, whose answers span sessions).
 * Candidates the query did not find, or that did not load (out of scope),
 * are absent. Pure.
 */
export function scoreQueryCandidates(
  fused: readonly FusedScore[],
  loaded: ReadonlyMap<string, RankedCandidate>,
  context: PriorContext,
): Map<string, number> {
  const scored: { memoryId: string; documentId: string; score: number }[] = [];
  for (const entry of fused) {
    const candidate = loaded.get(entry.memoryId);
    if (candidate === undefined) continue;
    scored.push({
      memoryId: entry.memoryId,
      documentId: candidate.memory.sourceDocumentId,
      score: entry.score * priorFactor(candidate.memory, candidate.links, context),
    });
  }
  return sessionPriorScores(scored, SESSION_PRIOR, context.asksForList);
}
