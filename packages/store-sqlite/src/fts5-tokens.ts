import { boundedMemo } from '@engram/core';
import { porterStem } from './porter-stemmer.js';

// unicode61's default token characters: letters, numbers and private-use
// code points; everything else separates tokens.
const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;
const COMBINING_MARK = /\p{M}/gu;
// The FTS5 porter tokenizer passes tokens shorter or longer than these
// (in UTF-8 bytes) through unstemmed.
const MIN_STEMMED_BYTES = 3;
const MAX_STEMMED_BYTES = 64;

// biome-ignore lint/suspicious/noControlCharactersInRegex: the whole ASCII range is the point.
const NON_ASCII = /[^\u0000-\u007f]/u;

/** Whether a (folded) token is short or long enough for FTS5's porter step to pass it through. */
function passesThrough(token: string): boolean {
  const bytes = Buffer.byteLength(token);
  return bytes < MIN_STEMMED_BYTES || bytes > MAX_STEMMED_BYTES;
}

/**
 * The indexed form of one folded token. Words recur (names, everyday
 * vocabulary): remembering their stems makes tokenizing a memory several
 * times cheaper.
 */
const stemOf = boundedMemo((token: string) => (passesThrough(token) ? token : porterStem(token)), 50_000);

/**
 * The tokens FTS5 indexes for `text` with `tokenize = 'porter unicode61
 * remove_diacritics 2'`, in order: split on anything but letters, digits and
 * private-use characters, case folded, diacritics removed, Porter stemmed.
 * Scores computed in JavaScript ({@link TermFrequencies}) rely on this
 * agreeing with the index; the parity test in sqlite-text-bm25.test.ts
 * checks it against FTS5 itself. Edge cases outside Latin scripts may still
 * differ (unicode61 folds with its own tables); such a word then scores as
 * absent in JavaScript, never as another word.
 */
export function fts5Tokens(text: string): string[] {
  const tokens: string[] = [];
  // Plain ASCII has nothing to decompose.
  const decomposed = NON_ASCII.test(text) ? text.normalize('NFD').replace(COMBINING_MARK, '') : text;
  for (const match of decomposed.toLowerCase().matchAll(TOKEN)) tokens.push(stemOf(match[0]));
  return tokens;
}
