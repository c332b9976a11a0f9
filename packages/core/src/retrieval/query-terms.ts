import { STOP_WORDS } from './stop-words.js';

/** Lowercase word tokens: letters and digits, with an inner apostrophe kept ("o'neil"). */
export function wordTokens(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? []).map((token) =>
    // A possessive names the same thing as the bare word ("Caroline's" → "caroline").
    token.replace(/['’]s$/u, ''),
  );
}

/**
 * The index terms of a text: {@link wordTokens} without stop words and
 * one-letter tokens, de-duplicated in first-seen order. Never stems, because
 * the text index applies its own tokenizer to the same plain words.
 */
export function queryTerms(text: string): string[] {
  const terms: string[] = [];
  const seen = new Set<string>();
  for (const token of wordTokens(text)) {
    if (token.length < 2 && !/\d/u.test(token)) continue;
    if (STOP_WORDS.has(token) || seen.has(token)) continue;
    seen.add(token);
    terms.push(token);
  }
  return terms;
}

/**
 * A light suffix stripper for local term matching (re-ranking features), so
 * "painted", "painting" and "paints" meet at "paint" and "making" meets
 * "make". Deliberately crude: it only ever compares two words stripped the
 * same way, never feeds an index.
 */
export function stemTerm(term: string): string {
  if (term.length <= 3) return term;
  let stem = term;
  if (stem.endsWith('ies') && stem.length > 4) stem = `${stem.slice(0, -3)}y`;
  else if (stem.endsWith('ing') && stem.length >= 6) stem = stem.slice(0, -3);
  else if (stem.endsWith('ed') && stem.length >= 5) stem = stem.slice(0, -2);
  else if (stem.endsWith('s') && !stem.endsWith('ss') && stem.length >= 4) stem = stem.slice(0, -1);
  if (stem.endsWith('e') && stem.length > 3) stem = stem.slice(0, -1);
  const last = stem.length - 1;
  if (stem.length > 3 && stem[last] === stem[last - 1] && !/[aeiou]/u.test(stem[last] ?? '')) {
    stem = stem.slice(0, -1);
  }
  return stem;
}
