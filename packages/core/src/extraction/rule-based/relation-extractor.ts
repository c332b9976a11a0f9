import type { ExtractedRelation } from '../../domain/memory.js';
import { hasLexiconTag, infinitiveOf, isPastTenseVerb } from '../../text/lexicon.js';

const SKIPPED_VERBS = new Set(
  "am is are was were be been being 'm 've 'd 'll have has had do does did can could will would should might must may think thought guess know knew mean meant feel felt hope wish want wanted need needed got get gonna wanna going just really also even love loved like liked hate enjoy enjoyed prefer said told say tell".split(
    ' ',
  ),
);
const CLAUSE =
  /\b(?:i|we)\s+(?:(?:just|finally|recently|also|really|actually|even|already|both|all|then|eventually)\s+)*([a-z]+)\s+(?:(to|at|in|into|for|with|on|about|from|by|up|out)\s+)?(?:(?:a|an|the|my|our|some|this|that|his|her|their|these|those|two|three|new|first)\s+)*([A-Za-z0-9'&-]+(?:\s+[A-Za-z0-9'&-]+){0,3}?)(?=\s*(?:[,.!?;:]|$)|\s+(?:and|but|because|with|yesterday|today|tonight|last|this|next|so|which|who|when|where|since|for|at|in|on|to|from|after|before|together|again|too|recently|lately)\b)/gi;
const PRONOUN_OBJECT =
  /^(?:it|that|this|them|those|these|you|him|her|me|us|there|here|some|one|lot|bit|way|time|much|so|really|too|back|home)$/i;
const EVENT_OBJECT =
  /\b(?:group|class|conference|festival|parade|party|wedding|concert|race|workshop|meeting|meetup|event|show|game|session|ceremony|retreat|service|rally|fair)\b/i;

/**
 * Subject–relation–object edges from first-person clauses: "I went to a support
 * group" → Caroline –attended→ support group; "we adopted a puppy" → Melanie
 * –adopt→ puppy. The relation is the verb's base form plus its preposition; a
 * "go to" an event reads as "attended". Mental and auxiliary verbs give no edge.
 * `subject` is who "I" is. Expects the sentence before person rewriting.
 */
export function extractRelations(sentence: string, subject: string): ExtractedRelation[] {
  const text = sentence.replace(/’/g, "'");
  const relations: ExtractedRelation[] = [];
  CLAUSE.lastIndex = 0;
  for (let match = CLAUSE.exec(text); match !== null; match = CLAUSE.exec(text)) {
    const verb = (match[1] ?? '').toLowerCase();
    const preposition = match[2]?.toLowerCase();
    const object = (match[3] ?? '').replace(/^(?:my|our|your|his|her|their)\s+/i, '').trim();
    if (SKIPPED_VERBS.has(verb) || PRONOUN_OBJECT.test(object) || object.length < 2) continue;
    const verbLike =
      isPastTenseVerb(verb) || hasLexiconTag(verb, 'Infinitive') || hasLexiconTag(verb, 'PresentTense');
    if (!verbLike) continue;
    const base = infinitiveOf(verb);
    let relation = preposition === undefined ? base : `${base}_${preposition}`;
    if ((relation === 'go_to' || relation === 'attend') && EVENT_OBJECT.test(object)) relation = 'attended';
    relations.push({ subject, relation, object });
    if (relations.length >= 4) break;
  }
  return relations;
}
