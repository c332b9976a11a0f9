import { porterStem } from '@engram/store-sqlite';
import { STOP_WORDS } from './stop-words.js';

/**
 * Lower-cases and splits on anything that is not a letter or digit, so
 * punctuation disappears and hyphenated or possessive forms fall apart
 * ("self-care" → "self", "care"; "Caroline's" → "caroline", "s").
 */
export function wordTokens(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token.length > 0);
}

/** {@link wordTokens} without stop words: the tokens answer recall compares. */
export function contentTokens(text: string): string[] {
  return wordTokens(text).filter((token) => !STOP_WORDS.has(token));
}

/** {@link contentTokens}, Porter-stemmed: the terms BM25 indexes and queries. */
export function indexTerms(text: string): string[] {
  return contentTokens(text).map(porterStem);
}
