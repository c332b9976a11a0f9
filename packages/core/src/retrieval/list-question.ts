// Questions that ask for several things. In a long chat the items of a list
// ("what activities…", "what has she painted?") or the occurrences of a count
// ("how many times…") were mentioned in different sessions, so ranking must
// not concentrate on the one session that matched best (see session-prior.ts).

/** Words ending in "s" that are not plural nouns where a question's object stands. */
const NOT_PLURAL = new Set([
  'is',
  'was',
  'does',
  'has',
  'this',
  'his',
  'its',
  'always',
  'us',
  'as',
  'yes',
  'plus',
]);
// "How many weeks passed between…" asks for a duration, not a count of things.
const HOW_MANY = /\bhow many\b(?!\s+(?:days|weeks|months|years|hours|minutes)\b)/u;
const KINDS_OF = /^(?:what|which)\s+(?:kinds|types|sorts)\s+of\b/u;
// "What <adjective>? <noun> does/has/are…": the object noun before the auxiliary.
const PLURAL_OBJECT =
  /^(?:what|which)\s+(?:[\p{L}+/-]+\s+){0,2}?([\p{L}/]+)\s+(?:does|do|did|has|have|had|are|were)\b/u;
const WHAT_HAS_DONE =
  /^what (?:has|have) [\p{L}]+(?: and [\p{L}]+)? (?:[\p{L}]+ed|done|made|seen|read|written|drawn|taken)\b/u;

/**
 * Whether a question asks for a list or a count of things ("What activities
 * does Melanie do?", "What kinds of books…", "How many times…", "What has
 * she painted?"): its answers usually lie in several conversations, not in
 * one. Rule-based, English; false for anything else. Pure.
 */
export function asksForList(text: string): boolean {
  const lower = text.toLowerCase().replace(/\s+/gu, ' ').trim();
  if (HOW_MANY.test(lower) || KINDS_OF.test(lower) || WHAT_HAS_DONE.test(lower)) return true;
  const object = PLURAL_OBJECT.exec(lower)?.[1]?.split('/').pop() ?? '';
  return object.length > 2 && object.endsWith('s') && !object.endsWith('ss') && !NOT_PLURAL.has(object);
}
