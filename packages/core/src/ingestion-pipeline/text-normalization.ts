/** Lowercase word tokens (letters, digits, apostrophes inside words). */
export function wordTokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? [];
}

/** A comparison key for exact-duplicate checks: lowercase words joined by spaces. */
export function normalizedContent(text: string): string {
  return wordTokens(text).join(' ');
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

/** An entity name's lookup key: lowercase, possessive and punctuation dropped, spaces collapsed. */
export function normalizeEntityName(name: string): string {
  return name
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Cosine similarity of two unit vectors (a dot product). */
export function cosine(left: Float32Array, right: Float32Array): number {
  let sum = 0;
  for (let index = 0; index < left.length; index += 1) sum += (left[index] ?? 0) * (right[index] ?? 0);
  return sum;
}
