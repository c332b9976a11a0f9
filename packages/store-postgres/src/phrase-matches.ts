/** How often the token sequence `phrase` occurs in `tokens` (consecutive, overlapping allowed, as FTS5 counts). */
export function phraseOccurrences(tokens: readonly string[], phrase: readonly string[]): number {
  let count = 0;
  const last = tokens.length - phrase.length;
  for (let start = 0; start <= last; start += 1) {
    let index = 0;
    while (index < phrase.length && tokens[start + index] === phrase[index]) index += 1;
    if (index === phrase.length) count += 1;
  }
  return count;
}

/**
 * The key a phrase is scored under among stems: its tokens joined by `_`,
 * which is never part of a stem (stems are letters and digits), so it can
 * be added to a row's encoded counts without meeting a real stem.
 */
export function phraseKey(phrase: readonly string[]): string {
  return phrase.join('_');
}

/** An encoded column (` stem stem*3 `) with `key` counted `count` times added; unchanged for 0. */
export function withPhraseCount(encoded: string, key: string, count: number): string {
  if (count === 0) return encoded;
  return `${encoded}${count > 1 ? `${key}*${count}` : key} `;
}
