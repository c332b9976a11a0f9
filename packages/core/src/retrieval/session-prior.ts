/** A scored memory and the document (session) it came from. */
export interface DocumentScored {
  memoryId: string;
  documentId: string;
  score: number;
}

/** How much a document's strength moves its memories, and how many of its best memories measure it. */
export const SESSION_PRIOR = { weight: 0.4, topPerDocument: 3 } as const;

/**
 * A document-level prior: a session whose several memories match the query
 * is likelier to hold the answer than one with a single stray match. A
 * document's strength is the sum of its best `topPerDocument` scores; each
 * memory's factor is `1 - weight + weight * strength / strongest`, so the
 * strongest document's memories keep their score and others lose up to
 * `weight`. Returns the factor per memory id. Pure.
 */
export function sessionPriorFactors(
  scored: readonly DocumentScored[],
  options: { weight: number; topPerDocument: number } = SESSION_PRIOR,
): Map<string, number> {
  const perDocument = new Map<string, number[]>();
  for (const entry of scored) {
    const scores = perDocument.get(entry.documentId) ?? [];
    scores.push(entry.score);
    perDocument.set(entry.documentId, scores);
  }
  const strength = new Map<string, number>();
  let strongest = 0;
  for (const [documentId, scores] of perDocument) {
    scores.sort((left, right) => right - left);
    const value = scores.slice(0, options.topPerDocument).reduce((sum, score) => sum + Math.max(0, score), 0);
    strength.set(documentId, value);
    strongest = Math.max(strongest, value);
  }
  const factors = new Map<string, number>();
  for (const entry of scored) {
    const share = strongest > 0 ? (strength.get(entry.documentId) ?? 0) / strongest : 1;
    factors.set(entry.memoryId, 1 - options.weight + options.weight * share);
  }
  return factors;
}
