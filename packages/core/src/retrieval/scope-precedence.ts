import type { StoredMemory } from '../domain/stored-memory.js';
import { normalizedContent } from '../text/text-normalization.js';
import type { RankedCandidate } from './ranked-candidate.js';
import type { ScopePlan } from './scope-plan.js';

/**
 * Narrower scope wins (spec §1.1): when memories of different scopes say the
 * same thing (equal content after lower-casing and dropping punctuation),
 * only those of the narrowest scope among them stay, taking the best score of
 * the group so the answer keeps its rank. Memories of one scope are never
 * merged here (ingestion de-duplicates within a scope). Keeps input order
 * otherwise. Pure.
 */
export function preferNarrowerScope(
  candidates: readonly RankedCandidate[],
  plan: ScopePlan,
): RankedCandidate[] {
  // One scope among the candidates: nothing to merge, and no content to normalise.
  const firstScope = candidates[0]?.memory.owner.scopeKey;
  if (candidates.every((candidate) => candidate.memory.owner.scopeKey === firstScope)) return [...candidates];
  const precedence = new Map(plan.scopeKeys.map((scopeKey, index) => [scopeKey, index]));
  const rankOf = (candidate: RankedCandidate) =>
    precedence.get(candidate.memory.owner.scopeKey) ?? Number.MAX_SAFE_INTEGER;
  const groups = new Map<string, { narrowest: number; widest: number; best: number }>();
  const keys = candidates.map((candidate) => contentKeyOf(candidate.memory));
  candidates.forEach((candidate, index) => {
    const key = keys[index] as string;
    const group = groups.get(key);
    const rank = rankOf(candidate);
    if (group === undefined) groups.set(key, { narrowest: rank, widest: rank, best: candidate.score });
    else {
      group.narrowest = Math.min(group.narrowest, rank);
      group.widest = Math.max(group.widest, rank);
      group.best = Math.max(group.best, candidate.score);
    }
  });
  const kept: RankedCandidate[] = [];
  candidates.forEach((candidate, index) => {
    const group = groups.get(keys[index] as string);
    if (group === undefined || keys[index] === '' || group.narrowest === group.widest) {
      kept.push(candidate);
      return;
    }
    if (rankOf(candidate) !== group.narrowest) return;
    kept.push(group.best > candidate.score ? { ...candidate, score: group.best } : candidate);
  });
  return kept;
}

// Per memory object: loaded candidates are shared across fetches (CandidateCache).
const contentKeys = new WeakMap<StoredMemory, string>();

function contentKeyOf(memory: StoredMemory): string {
  let key = contentKeys.get(memory);
  if (key === undefined) {
    key = normalizedContent(memory.content);
    contentKeys.set(memory, key);
  }
  return key;
}
