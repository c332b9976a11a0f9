/** Lowercase word tokens (letters, digits, apostrophes inside words). */
export function wordTokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? [];
}

/** A comparison key for exact-duplicate checks: lowercase words joined by spaces. */
export function normalizedContent(text: string): string {
  return wordTokens(text).join(' ');
}

const DEDUP_STOP_WORDS = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'but',
  'of',
  'to',
  'in',
  'on',
  'at',
  'for',
  'with',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'it',
  'its',
  'that',
  'this',
  'so',
  'very',
  'really',
  'just',
  'too',
]);

/**
 * The de-duplication key of a statement: its distinct content words, sorted.
 * Punctuation, case, word order and filler words do not change it, so "I have
 * two cats, Luna and Milo!" and "I have two cats: Milo and Luna." share one
 * key, while any change of substance ("three cats") gives another.
 */
export function dedupKeyOf(text: string): string {
  return [...new Set(wordTokens(text).filter((word) => !DEDUP_STOP_WORDS.has(word)))].sort().join(' ');
}

/** Jaccard overlap of two texts' word sets, 0..1. */
export function wordJaccard(left: string, right: string): number {
  const a = new Set(wordTokens(left));
  const b = new Set(wordTokens(right));
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/** Cosine similarity of two unit vectors (a dot product). */
export function cosine(left: Float32Array, right: Float32Array): number {
  let sum = 0;
  for (let index = 0; index < left.length; index += 1) sum += (left[index] ?? 0) * (right[index] ?? 0);
  return sum;
}
