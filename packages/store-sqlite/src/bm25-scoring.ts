import { type EncodedTermFrequencies, termFrequency } from './term-frequencies.js';

/** One full-text match as read for scoring. */
export interface ScoredRow {
  rowid: number;
  /** The row's tokens over all columns (bm25's document length). */
  tokens: number;
  body: EncodedTermFrequencies;
  context: EncodedTermFrequencies;
}

/** A row's BM25 score: higher is better. */
export interface RowScore {
  rowid: number;
  score: number;
}

/** One searched term: its stem and its inverse document frequency. */
export interface WeightedStem {
  stem: string;
  idf: number;
}

/** FTS5's bm25() constants (k1, b). */
export const K1 = 1.2;
export const B = 0.75;

/**
 * FTS5's inverse document frequency: log((N - n + 0.5) / (n + 0.5)) for a
 * term in `matching` of `rows` rows, floored at 1e-6 so a very common term
 * still counts a little, as bm25() does.
 */
export function inverseDocumentFrequency(matching: number, rows: number): number {
  const idf = Math.log((rows - matching + 0.5) / (matching + 0.5));
  return idf > 0 ? idf : 1e-6;
}

/**
 * BM25 exactly as FTS5's bm25() computes it with column weights (0 for the
 * scope token, 1 for the body, `contextWeight` for the context): per term,
 * idf · f · (k1 + 1) / (f + k1 · (1 − b + b · D / avgdl)), with f the
 * weighted count of the term in the row and D the row's token count over all
 * columns. Score = the sum (higher is better: the negation of bm25()'s
 * rank); best first, ties by rowid; at most `limit`.
 */
export function scoreBm25(
  rows: readonly ScoredRow[],
  stems: readonly WeightedStem[],
  averageLength: number,
  contextWeight: number,
  limit: number,
): RowScore[] {
  const scored = rows.map((row) => {
    const lengthRatio = averageLength > 0 ? row.tokens / averageLength : 0;
    const saturation = K1 * (1 - B + B * lengthRatio);
    let score = 0;
    for (const { stem, idf } of stems) {
      const frequency =
        termFrequency(row.body, stem) +
        (contextWeight === 0 ? 0 : contextWeight * termFrequency(row.context, stem));
      if (frequency > 0) score += (idf * frequency * (K1 + 1)) / (frequency + saturation);
    }
    return { rowid: row.rowid, score };
  });
  scored.sort((left, right) => right.score - left.score || left.rowid - right.rowid);
  return scored.slice(0, limit);
}
