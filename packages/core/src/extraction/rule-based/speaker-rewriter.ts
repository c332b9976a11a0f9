import { genderOfName, hasLexiconTag, isPastTenseVerb, thirdPersonSingular } from '../../text/lexicon.js';

/** Who "I" and "you" are in a sentence. */
export interface PersonContext {
  /** The speaker or author; "I", "my", "me" become this name. */
  speaker: string | undefined;
  /** The one person spoken to, when unambiguous (two-person chat, single email recipient). */
  addressee: string | undefined;
}

/** A sentence in the third person. */
export interface RewrittenSentence {
  text: string;
  /** The sentence used "I", "me", "my", "we", ... and they were rewritten. */
  firstPerson: boolean;
  /** The sentence used "you" and it was rewritten to the addressee. */
  secondPerson: boolean;
}

type Form = 'subject' | 'object' | 'possessive' | 'possessivePronoun' | 'reflexive';

const PRONOUN =
  /\b(i|me|my|mine|myself|we|us|our|ours|ourselves|you|ya|your|yours|yourself|yourselves)(?:['’](m|ve|d|ll|re))?\b/gi;
const FORMS: Record<string, Form> = {
  i: 'subject',
  we: 'subject',
  you: 'subject',
  ya: 'object',
  me: 'object',
  us: 'object',
  my: 'possessive',
  our: 'possessive',
  your: 'possessive',
  mine: 'possessivePronoun',
  ours: 'possessivePronoun',
  yours: 'possessivePronoun',
  myself: 'reflexive',
  ourselves: 'reflexive',
  yourself: 'reflexive',
  yourselves: 'reflexive',
};
const PRONOUNS: Record<'female' | 'male' | 'plural', Record<Form, string>> = {
  female: {
    subject: 'she',
    object: 'her',
    possessive: 'her',
    possessivePronoun: 'hers',
    reflexive: 'herself',
  },
  male: { subject: 'he', object: 'him', possessive: 'his', possessivePronoun: 'his', reflexive: 'himself' },
  plural: {
    subject: 'they',
    object: 'them',
    possessive: 'their',
    possessivePronoun: 'theirs',
    reflexive: 'themselves',
  },
};
const ADVERBS = new Set(
  'really just also finally actually always never still totally definitely usually often sometimes even only kinda recently honestly literally seriously basically already mostly generally absolutely truly certainly probably personally both all def legit sorta'.split(
    ' ',
  ),
);
const MODALS = new Set(
  "can could will would should might must may shall can't cannot won't wouldn't couldn't shouldn't mustn't gotta wanna used".split(
    ' ',
  ),
);
const AGREEMENT: Record<string, string> = {
  am: 'is',
  are: 'is',
  were: 'was',
  have: 'has',
  do: 'does',
  "don't": "doesn't",
  'don’t': 'doesn’t',
  "haven't": "hasn't",
  'haven’t': 'hasn’t',
  "aren't": "isn't",
  'aren’t': 'isn’t',
  "weren't": "wasn't",
  'weren’t': 'wasn’t',
};
const CONTRACTIONS: Record<string, string> = { m: 'is', ve: 'has', ll: 'will', re: 'is' };
const PLURAL_CONTRACTIONS: Record<string, string> = { m: 'are', ve: 'have', ll: 'will', re: 'are' };
const NEXT_WORD =
  /^((?:\s+[A-Za-z]+ly\b|\s+(?:just|also|still|even|never|always|only|really|totally|actually|kinda|sorta|kind of|sort of|def|both|all|already|too)\b)*)(\s+)([A-Za-z'’]+)/;

/** "you know", "thank you", "see you": fixed phrases where "you" is nobody in particular. */
const WINDOW = 80;

function isFixedYou(before: string, after: string): boolean {
  if (/\b(?:thank|see|bless|mind)\s*$/i.test(before)) return true;
  if (
    /^\s+(?:know|never know|guys|all)\b/i.test(after) &&
    !/^\s+know\s+(?:how|what|that|about)\b/i.test(after)
  ) {
    return /^\s+(?:know|never know)\s*[,.!?]|^\s+(?:know|never know)$/i.test(after);
  }
  return false;
}

/** Words that take "you" as their object: verbs and prepositions ("help you", "for you"). */
const GOVERNORS = new Set(
  'help helped tell told thank thanked see saw watch watched love loved miss missed give gave make made let ask asked meet met call called show showed get got want wanted need needed remind reminded bring brought invite invited join joined teach taught hug hugged support supported inspire inspired owe keep kept send sent for to with at about of from like than by on in into onto upon without behind around near toward towards after before against beside between among'.split(
    ' ',
  ),
);

/** Whether "you" after `before` is an object ("help you", "for you"), not a subject ("the people you know"). */
function isObjectPosition(before: string): boolean {
  const previous = /([A-Za-z'’]+)\s*$/.exec(before);
  if (previous === null) return false;
  const word = (previous[1] ?? '').toLowerCase();
  return GOVERNORS.has(word) || hasLexiconTag(word, 'Preposition');
}

function participleAfter(after: string): boolean {
  const next = NEXT_WORD.exec(after);
  const word = next?.[3]?.toLowerCase() ?? '';
  return word === 'been' || word === 'had' || hasLexiconTag(word, 'Participle') || /ed$/.test(word);
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * Third-person verb agreement for the words after a rewritten singular subject:
 * "am" → "is", "don't" → "doesn't", "love" → "loves"; past tenses and modals stay.
 * Returns the consumed length and its replacement, or undefined to leave the text.
 */
function agree(after: string): { length: number; text: string } | undefined {
  const next = NEXT_WORD.exec(after);
  if (next === null) return undefined;
  const [whole, adverbs = '', space = ' ', word = ''] = next;
  const lower = word.toLowerCase();
  const mapped = AGREEMENT[lower];
  if (mapped !== undefined) return { length: whole.length, text: `${adverbs}${space}${mapped}` };
  if (MODALS.has(lower) || lower === 'was' || lower === "wasn't" || isPastTenseVerb(lower)) return undefined;
  if (/ing$|n['’]t$|['’]/.test(lower) || ADVERBS.has(lower) || word !== lower) return undefined;
  if (!hasLexiconTag(lower, 'Infinitive') && !hasLexiconTag(lower, 'PresentTense') && lower.length < 3)
    return undefined;
  // Right after a subject, "live", "clean" and "open" are verbs even though the lexicon calls them adjectives.
  const notVerb = ['Preposition', 'Determiner', 'Conjunction', 'Pronoun', 'Adverb', 'Negative'];
  if (notVerb.some((tag) => hasLexiconTag(lower, tag))) return undefined;
  return { length: whole.length, text: `${adverbs}${space}${thirdPersonSingular(lower)}` };
}

/**
 * Rewrites first person to the speaker and second person to the addressee, so a
 * sentence stands alone: "I went" → "Caroline went", "my kids" → "Melanie's kids",
 * "you're great" → "Melanie is great". The first mention in the sentence uses the
 * name, later ones a pronoun when the name's gender is known and no one else is
 * mentioned; verbs agree ("I love" → "Caroline loves"). "we" becomes "<speaker>
 * and others". Fixed phrases ("thank you", "you know") stay. Without a speaker
 * (or addressee) those pronouns stay as they are. Never throws.
 */
export function rewritePersons(sentence: string, context: PersonContext): RewrittenSentence {
  const { speaker, addressee } = context;
  if (speaker === undefined && addressee === undefined)
    return { text: sentence, firstPerson: false, secondPerson: false };
  const mentioned = new Set<string>();
  const speakerAt = speaker === undefined ? -1 : sentence.indexOf(speaker);
  const addresseeAt = addressee === undefined ? -1 : sentence.indexOf(addressee);
  // A pronoun is only safe when no one else mentioned could be the same gender.
  const unambiguous = (person: string, gender: 'female' | 'male'): boolean =>
    [...mentioned].every((other) => other === person || (genderOfName(other) ?? gender) !== gender);
  let firstPerson = false;
  let secondPerson = false;
  let output = '';
  let cursor = 0;
  PRONOUN.lastIndex = 0;
  for (let match = PRONOUN.exec(sentence); match !== null; match = PRONOUN.exec(sentence)) {
    const word = match[1] ?? '';
    const lower = word.toLowerCase();
    const contraction = match[2]?.toLowerCase();
    // Local windows keep a long run-on sentence linear: the checks look a few words around.
    const windowStart = Math.max(0, match.index - WINDOW);
    const before = sentence.slice(windowStart, match.index);
    const atStart = windowStart === 0 && /^[\s"“'(]*$/.test(before);
    const after = sentence.slice(match.index + match[0].length, match.index + match[0].length + WINDOW);
    const second = lower.startsWith('you') || lower === 'ya';
    const plural = lower === 'we' || lower === 'us' || lower.startsWith('our') || lower === 'yourselves';
    const person = second ? addressee : speaker;
    if (person === undefined) continue;
    if (lower === 'i' && word === 'i' && /[a-z]$/i.test(before)) continue;
    if (lower === 'us' && word === 'US') continue;
    if (lower === 'my' && /\boh\s*$/i.test(before)) continue;
    if (second && isFixedYou(before, after)) continue;
    const form =
      lower === 'you' && contraction === undefined && isObjectPosition(before)
        ? 'object'
        : (FORMS[lower] ?? 'subject');
    const named = person === speaker ? speakerAt : addresseeAt;
    const repeat = mentioned.has(person) || (named >= 0 && named < match.index);
    // A reflexive with no one before it is generic advice ("a way of expressing yourself").
    if (form === 'reflexive' && !repeat) continue;
    mentioned.add(person);
    const gender = genderOfName(person);
    let replacement: string;
    if (plural && repeat) {
      replacement = PRONOUNS.plural[form];
    } else if (plural && form !== 'possessive' && form !== 'possessivePronoun') {
      replacement = form === 'reflexive' ? 'themselves' : `${person} and others`;
    } else if (repeat && gender !== undefined && unambiguous(person, gender)) {
      replacement = PRONOUNS[gender][form];
    } else if (repeat && gender === undefined && form !== 'subject' && mentioned.size === 1) {
      // Singular "they" reads better than the name twice, but only off the subject, where the verb would disagree.
      replacement = PRONOUNS.plural[form];
    } else {
      replacement = form === 'possessive' || form === 'possessivePronoun' ? `${person}'s` : person;
    }
    if (atStart || /[.!?]\s+[\s"“'(]*$/.test(before)) replacement = capitalise(replacement);
    if (second) secondPerson = true;
    else firstPerson = true;
    output += sentence.slice(cursor, match.index);
    cursor = match.index + match[0].length;
    // "My girlfriend and I love ..." is a plural subject: the verb stays.
    const compound =
      !second &&
      windowStart === 0 &&
      /^\W*(?:my|our|[A-Z][a-z]+)(?:\s+[a-z]+){0,2}\s+(?:and|&)\s*$/i.test(before);
    const singularSubject =
      form === 'subject' && !plural && !compound && !replacement.endsWith('others') && replacement !== 'they';
    if (contraction !== undefined) {
      const table = singularSubject ? CONTRACTIONS : PLURAL_CONTRACTIONS;
      const verb = contraction === 'd' ? (participleAfter(after) ? 'had' : 'would') : table[contraction];
      output +=
        verb === undefined ? `${replacement}${match[0].slice(word.length)}` : `${replacement} ${verb}`;
      continue;
    }
    output += replacement;
    if (singularSubject) {
      const agreed = agree(after);
      if (agreed !== undefined) {
        output += agreed.text;
        cursor += agreed.length;
      }
    }
  }
  return { text: output + sentence.slice(cursor), firstPerson, secondPerson };
}
