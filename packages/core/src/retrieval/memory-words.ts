import type { StoredMemory } from '../domain/stored-memory.js';
import { stemTerm, wordTokens } from './query-terms.js';
import { STOP_WORDS } from './stop-words.js';

// Per loaded memory object: feedback and re-ranking read the same candidates
// in one accurate fetch, and a memory is loaded afresh for every fetch.
const wordsOfMemory = new WeakMap<StoredMemory, ReadonlyMap<string, string>>();

/**
 * The content words of a memory's content and evidence lines, stop words
 * out: each stem ({@link stemTerm}) mapped to the first word that gave it.
 * Computed once per memory object. The map is shared: callers must not change it.
 */
export function memoryWords(memory: StoredMemory): ReadonlyMap<string, string> {
  let words = wordsOfMemory.get(memory);
  if (words === undefined) {
    const found = new Map<string, string>();
    for (const token of wordTokens([memory.content, ...memory.sourceEvidence].join(' '))) {
      if (STOP_WORDS.has(token)) continue;
      const stem = stemTerm(token);
      if (!found.has(stem)) found.set(stem, token);
    }
    words = found;
    wordsOfMemory.set(memory, words);
  }
  return words;
}
