import { B, K1, type RowScore } from './bm25-scoring.js';

/**
 * BM25 of rows whose weighted term frequencies are known (`frequencies[i]`
 * for the i-th searched term, `idfs[i]` its inverse document frequency):
 * the same arithmetic, in the same order, as {@link scoreBm25}, so scores are
 * identical to bit. Best first, ties by rowid; at most `limit`.
 */
export function scorePostings(
  rows: ReadonlyMap<number, { tokens: number; frequencies: readonly number[] }>,
  idfs: readonly number[],
  averageLength: number,
  limit: number,
): RowScore[] {
  const scored: RowScore[] = [];
  for (const [rowid, row] of rows) {
    const lengthRatio = averageLength > 0 ? row.tokens / averageLength : 0;
    const saturation = K1 * (1 - B + B * lengthRatio);
    let score = 0;
    for (let index = 0; index < idfs.length; index++) {
      const frequency = row.frequencies[index] as number;
      if (frequency > 0) score += ((idfs[index] as number) * frequency * (K1 + 1)) / (frequency + saturation);
    }
    scored.push({ rowid, score });
  }
  scored.sort((left, right) => right.score - left.score || left.rowid - right.rowid);
  return scored.slice(0, limit);
}
