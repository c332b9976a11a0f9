import { normalizeEntityName } from '../text/entity-name.js';
import { LOWERCASE_MONTH_NAMES } from '../text/month-names.js';
import { asksForList } from './list-question.js';
import { queryTerms, wordTokens } from './query-terms.js';
import { STOP_WORDS } from './stop-words.js';
import { parseTimeConstraints, type TimeConstraint } from './time-constraints.js';

/** What retrieval reads from one query text, computed once per query. */
export interface QueryAnalysis {
  /** The query as given. */
  text: string;
  /** Index terms (lowercase, stop words out), first-seen order. */
  terms: string[];
  /** Normalised word n-grams (1–3 content words) to look up as entity names or aliases. */
  entityNames: string[];
  /** Normalised capitalised names: the people or things the query names ("caroline"). */
  names: string[];
  /** The query asks for a time ("when ...", "what year ..."): date-bearing memories answer it. */
  asksWhen: boolean;
  /** Times the query refers to, resolved against the query time. */
  times: TimeConstraint[];
  /** The query asks for several things ("what activities…", "how many times…"): answers spread over sessions. */
  asksForList: boolean;
}

const MAX_ENTITY_NAMES = 40;
const WHEN_PATTERN =
  /^\s*when\b|\bwhen (?:did|does|do|is|was|were|will|has|have|had)\b|\b(?:what|which) (?:date|day|year|month|time|week|season)\b|\bhow long ago\b|\bsince when\b/iu;
// Capitalised words that are not names: sentence openers, calendar words, pronouns.
const NOT_NAMES = new Set([
  'i',
  'when',
  'what',
  'who',
  'whom',
  'whose',
  'where',
  'which',
  'why',
  'how',
  'did',
  'does',
  'do',
  'is',
  'are',
  'was',
  'were',
  'has',
  'have',
  'had',
  'can',
  'could',
  'would',
  'will',
  'should',
  'the',
  'a',
  'an',
  'in',
  'on',
  'at',
  'and',
  'but',
  'if',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  ...LOWERCASE_MONTH_NAMES,
]);

/**
 * Reads one query: index terms, entity-name candidates, named people, whether
 * it asks "when", and the times it mentions (resolved against `now`). Pure
 * and deterministic for a given `now`.
 */
export function analyzeQuery(text: string, now: Date): QueryAnalysis {
  return {
    text,
    terms: queryTerms(text),
    entityNames: entityNameCandidates(text),
    names: capitalisedNames(text),
    asksWhen: WHEN_PATTERN.test(text),
    times: parseTimeConstraints(text, now),
    asksForList: asksForList(text),
  };
}

/**
 * Runs of content words as 1- to 3-word n-grams, normalised the way entity
 * names are stored, so "support group" and "caroline" can be looked up even
 * when the query is all lowercase.
 */
function entityNameCandidates(text: string): string[] {
  const names = new Set<string>();
  for (const run of text.split(/[,.;:!?()"“”]+/u)) {
    const tokens = wordTokens(run);
    for (let start = 0; start < tokens.length; start++) {
      for (let length = 1; length <= 3 && start + length <= tokens.length; length++) {
        const gram = tokens.slice(start, start + length);
        // A name may hold a stop word inside ("Bank of America") but never at either end.
        if (STOP_WORDS.has(gram[0] as string) || STOP_WORDS.has(gram[gram.length - 1] as string)) continue;
        const normalized = normalizeEntityName(gram.join(' '));
        if (normalized.length >= 2) names.add(normalized);
      }
    }
  }
  return [...names].slice(0, MAX_ENTITY_NAMES);
}

/** Capitalised words that read as names (not question words, pronouns or calendar words). */
function capitalisedNames(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(/\b\p{Lu}[\p{L}\p{N}]*(?:['’]s)?\b/gu)) {
    const word = normalizeEntityName(match[0]);
    if (word.length < 2 || NOT_NAMES.has(word) || STOP_WORDS.has(word)) continue;
    names.add(word);
  }
  return [...names];
}
