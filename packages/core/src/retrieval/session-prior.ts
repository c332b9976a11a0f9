/** A scored memory and the document (session) it came from. */
export interface DocumentScored {
  memoryId: string;
  documentId: string;
  score: number;
}

/** Tuning of {@link sessionPriorScores}. */
export interface SessionPriorOptions {
  /** Weight of the document's evidence against the memory's own, in units of the best memory score. */
  weight: number;
  /** A document's strength is the sum of its best `topPerDocument` memory scores. */
  topPerDocument: number;
  /** Exponent on the document's share of the strongest document: above 1 favours the leaders more. */
  power: number;
  /**
   * `weight` for a query that asks for a list or a count ("What activities
   * does Melanie do?"): its answers lie in several sessions, so lifting the
   * strongest session's memories pushes the other sessions' answers down.
   */
  listWeight: number;
}

/**
 * Defaults. Tuned by two-fold cross-validation by conversation on LoCoMo
 * (bench/retrieval/evaluate-retrieval.ts --cv) on a wide plateau, so the
 * figure is not fitted to a point; the additive form beat a multiplicative
 * factor of the same range (measurements: docs/decisions/0044).
 */
export const SESSION_PRIOR: SessionPriorOptions = { weight: 0.5, topPerDocument: 3, power: 2, listWeight: 0 };

/**
 * A document-level prior, as passage retrieval combines a passage's score
 * with its document's: a conversation session whose several memories match
 * the query is likelier to hold the answer than one with a single stray
 * match, and a weakly worded memory of that session (a reply that does not
 * repeat the question's words) deserves to rank near its session's best.
 * A document's strength is the sum of its best `topPerDocument` scores; each
 * memory's final score is its own score plus
 * `weight × bestScore × (strength / strongest)^power`, so the strongest
 * document's memories gain `weight × bestScore` and others less, all divided
 * by `1 + weight` so the best memory of the strongest document keeps its
 * score (relevance stays on the scale of the fused score). Adding (rather
 * than multiplying) lets the document evidence lift a memory whose own match
 * is weak. A document with one memory adds a monotone function of that
 * memory's own score, so single-memory documents keep their order. Returns
 * the final score per memory id. `forList` uses `listWeight` in place of
 * `weight` (0 there: the scores come back as they went in). Pure.
 */
export function sessionPriorScores(
  scored: readonly DocumentScored[],
  options: SessionPriorOptions = SESSION_PRIOR,
  forList = false,
): Map<string, number> {
  const weight = Math.max(0, forList ? options.listWeight : options.weight);
  // Prior off: nothing to lift, so skip grouping the documents.
  if (weight === 0) return new Map(scored.map((entry) => [entry.memoryId, Math.max(0, entry.score)]));
  let best = 0;
  for (const entry of scored) best = Math.max(best, entry.score);
  const shares = documentShares(scored, options.topPerDocument);
  const final = new Map<string, number>();
  for (const entry of scored) {
    const share = shares.get(entry.documentId) ?? 0;
    const lifted = Math.max(0, entry.score) + weight * best * share ** options.power;
    final.set(entry.memoryId, lifted / (1 + weight));
  }
  return final;
}

/**
 * Each document's strength, the sum of its best `topPerDocument` scores
 * (negative scores count 0), divided by the strongest document's: 1 for the
 * strongest, 0 when no document scores above 0. Pure.
 */
export function documentShares(
  scored: readonly DocumentScored[],
  topPerDocument: number = SESSION_PRIOR.topPerDocument,
): Map<string, number> {
  const perDocument = new Map<string, number[]>();
  for (const entry of scored) {
    const scores = perDocument.get(entry.documentId) ?? [];
    scores.push(Math.max(0, entry.score));
    perDocument.set(entry.documentId, scores);
  }
  const shares = new Map<string, number>();
  let strongest = 0;
  for (const [documentId, scores] of perDocument) {
    scores.sort((left, right) => right - left);
    const strength = scores.slice(0, topPerDocument).reduce((sum, score) => sum + score, 0);
    shares.set(documentId, strength);
    strongest = Math.max(strongest, strength);
  }
  for (const [documentId, strength] of shares)
    shares.set(documentId, strongest > 0 ? strength / strongest : 0);
  return shares;
}
