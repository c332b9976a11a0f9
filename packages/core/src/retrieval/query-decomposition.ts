import { queryTerms } from './query-terms.js';

/** Most sub-queries one query yields. */
export const MAX_SUB_QUERIES = 4;

// Boundaries between independent asks: sentence ends, semicolons, and "and"/"also"/"as well as"
// when a new question or clause follows ("... and when did she ...").
const SENTENCE_SPLIT = /[?;!]+|\.\s+/u;
const CLAUSE_SPLIT =
  /\s*,?\s+(?:and|also|as well as|but|plus)\s+(?=(?:what|when|where|who|whom|which|why|how|did|does|do|is|are|was|were|has|have|had|can|could|would|will)\b)|\s*,\s*(?:and|also)\s+/iu;
const CAPITALISED = /\b\p{Lu}[\p{L}\p{N}]+\b/gu;
const QUESTION_OPENERS =
  /^(?:what|when|where|who|whom|which|why|how|did|does|do|is|are|was|were|has|have|had|can|could|would|will|and|but|also|the|a|an|i)$/iu;

/**
 * Rule-based query decomposition: splits a compound question into its
 * independent asks ("When did Caroline move and what job did she take?" →
 * "When did Caroline move", "what job did she take Caroline"). A part that
 * names no one inherits the names of the whole query, so a pronoun-only
 * clause still searches for the right person. Parts with fewer than two
 * index terms are dropped (too vague to search alone). Returns only the
 * sub-queries, never the original; [] when the query is a single ask. Pure.
 */
export function decomposeQuery(query: string): string[] {
  const parts = query
    .split(SENTENCE_SPLIT)
    .flatMap((sentence) => sentence.split(CLAUSE_SPLIT))
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  if (parts.length < 2) return [];
  const names = namesIn(query);
  const subQueries: string[] = [];
  for (const part of parts) {
    const own = namesIn(part);
    const carried = own.length === 0 && names.length > 0 ? `${part} ${names.join(' ')}` : part;
    if (queryTerms(carried).length < 2) continue;
    if (!subQueries.includes(carried)) subQueries.push(carried);
  }
  return subQueries.length < 2 ? [] : subQueries.slice(0, MAX_SUB_QUERIES);
}

function namesIn(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(CAPITALISED)) {
    if (!QUESTION_OPENERS.test(match[0]) && !names.includes(match[0])) names.push(match[0]);
  }
  return names;
}
