import { stemTerm, wordTokens } from './query-terms.js';
import type { RankedCandidate } from './ranked-candidate.js';

/** How strongly similarity to an already chosen memory lowers a candidate (0 = no diversity). */
export const DIVERSITY_PENALTY = 0.5;

/**
 * Maximal-marginal-relevance selection of `limit` candidates: each step takes
 * the candidate with the best `score × (1 − penalty × similarity)`, where
 * similarity to the chosen set is the larger of (a) the share of its evidence
 * lines already cited by a chosen memory and (b) the word overlap (Jaccard)
 * of contents. So the top results do not all cite the same turn or repeat one
 * fact in other words. Returned scores are the penalised ones and never
 * increase down the list. Pure; O(limit × candidates).
 */
export function diversify(
  candidates: readonly RankedCandidate[],
  limit: number,
  penalty: number = DIVERSITY_PENALTY,
): RankedCandidate[] {
  const pool = candidates.map((candidate) => ({
    candidate,
    evidence: new Set(candidate.memory.sourceEvidence.map(normalizeLine)),
    words: new Set(wordTokens(candidate.memory.content).map(stemTerm)),
    similarity: 0,
  }));
  const chosen: RankedCandidate[] = [];
  while (chosen.length < limit && pool.length > 0) {
    let bestIndex = 0;
    let bestScore = Number.NEGATIVE_INFINITY;
    pool.forEach((entry, index) => {
      const adjusted = entry.candidate.score * (1 - penalty * entry.similarity);
      if (adjusted > bestScore) {
        bestScore = adjusted;
        bestIndex = index;
      }
    });
    const [picked] = pool.splice(bestIndex, 1);
    if (picked === undefined) break;
    chosen.push({ ...picked.candidate, score: bestScore });
    for (const entry of pool) {
      entry.similarity = Math.max(entry.similarity, similarity(entry, picked));
    }
  }
  return chosen;
}

function similarity(
  entry: { evidence: ReadonlySet<string>; words: ReadonlySet<string> },
  chosen: { evidence: ReadonlySet<string>; words: ReadonlySet<string> },
): number {
  let cited = 0;
  for (const line of entry.evidence) if (chosen.evidence.has(line)) cited++;
  const evidenceShare = entry.evidence.size === 0 ? 0 : cited / entry.evidence.size;
  let shared = 0;
  for (const word of entry.words) if (chosen.words.has(word)) shared++;
  const union = entry.words.size + chosen.words.size - shared;
  return Math.max(evidenceShare, union === 0 ? 0 : shared / union);
}

function normalizeLine(line: string): string {
  return line.toLowerCase().replace(/\s+/g, ' ').trim();
}
