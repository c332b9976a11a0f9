import { compromiseTwo } from './compromise-two.js';

/**
 * compromise's lexicon (about 25k words: given names with gender, cities,
 * countries, organisations, irregular verbs) and its verb conjugator, used as
 * plain lookups. The shapes are declared here because compromise types its
 * world as `object`.
 */
interface CompromiseWorld {
  model: {
    one: { lexicon: Record<string, string | string[]> };
    two: { orgWords: Record<string, unknown>; placeWords: Record<string, unknown> };
  };
  methods: {
    two: {
      transform: {
        verb: {
          conjugate(infinitive: string, model: object): Record<string, string | undefined>;
          toInfinitive(verb: string, model: object, tense?: string): string;
        };
      };
    };
  };
}

/** compromise's tables, read on first use (see compromise-two.ts). */
interface CompromiseTables {
  world: CompromiseWorld;
  model: object;
  lexicon: Record<string, string | string[]>;
  verbTransform: CompromiseWorld['methods']['two']['transform']['verb'];
}
let tables: CompromiseTables | undefined;
function compromiseTables(): CompromiseTables {
  if (tables === undefined) {
    const nlp = compromiseTwo();
    const world = nlp.world() as CompromiseWorld;
    tables = {
      world,
      model: nlp.model(),
      lexicon: world.model.one.lexicon,
      verbTransform: world.methods.two.transform.verb,
    };
  }
  return tables;
}
const NO_TAGS: readonly string[] = [];

/** The compromise tags of a word or multi-word name (case-insensitive); [] when unknown. */
export function lexiconTags(word: string): readonly string[] {
  const tags = compromiseTables().lexicon[word.toLowerCase()];
  if (tags === undefined) return NO_TAGS;
  return typeof tags === 'string' ? [tags] : tags;
}

/** Whether the lexicon gives `word` the tag `tag`. */
export function hasLexiconTag(word: string, tag: string): boolean {
  return lexiconTags(word).includes(tag);
}

/** Grammatical gender of a given name, from the lexicon; undefined when unknown or unisex. */
export function genderOfName(name: string): 'female' | 'male' | undefined {
  const first = name.trim().split(/\s+/)[0] ?? '';
  const tags = lexiconTags(first);
  if (tags.includes('FemaleName')) return 'female';
  if (tags.includes('MaleName')) return 'male';
  return undefined;
}

/** Whether a lower-case word ends organisation names ("bank", "university", "cafe"). */
export function isOrganizationWord(word: string): boolean {
  return Object.hasOwn(compromiseTables().world.model.two.orgWords, word.toLowerCase());
}

/** Whether a lower-case word ends place names ("lake", "island", "park"). */
export function isPlaceWord(word: string): boolean {
  return Object.hasOwn(compromiseTables().world.model.two.placeWords, word.toLowerCase());
}

const MEMO_LIMIT = 20_000;
const thirdPersonMemo = new Map<string, string>();
const infinitiveMemo = new Map<string, string>();

function remember(memo: Map<string, string>, key: string, value: string): string {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
}

/** Suffix rules for when compromise has no conjugation (never throws). */
function suffixThirdPerson(verb: string): string {
  if (/(?:s|sh|ch|x|z|o)$/.test(verb)) return `${verb}es`;
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ies`;
  return `${verb}s`;
}

/** Third-person singular present of a base-form verb, lower-case ("go" → "goes", "have" → "has"). */
export function thirdPersonSingular(verb: string): string {
  const key = verb.toLowerCase();
  const known = thirdPersonMemo.get(key);
  if (known !== undefined) return known;
  let form: string | undefined;
  try {
    form = compromiseTables().verbTransform.conjugate(key, compromiseTables().model)['PresentTense'];
  } catch {
    form = undefined;
  }
  return remember(thirdPersonMemo, key, form && /^[a-z'-]+$/.test(form) ? form : suffixThirdPerson(key));
}

/** The base form of a verb in any tense ("went" → "go"); the word itself when unknown. */
export function infinitiveOf(verb: string): string {
  const key = verb.toLowerCase();
  const known = infinitiveMemo.get(key);
  if (known !== undefined) return known;
  let form: string | undefined;
  try {
    const tense = /ed$/.test(key) || hasLexiconTag(key, 'PastTense') ? 'PastTense' : 'PresentTense';
    form = compromiseTables().verbTransform.toInfinitive(key, compromiseTables().model, tense);
  } catch {
    form = undefined;
  }
  return remember(infinitiveMemo, key, form && /^[a-z'-]+$/.test(form) ? form : key);
}

const NOT_PAST = new Set([
  'need',
  'feed',
  'seed',
  'bed',
  'red',
  'shed',
  'speed',
  'proceed',
  'succeed',
  'exceed',
]);

/** Whether a word is a simple-past verb form ("went", "painted"). */
export function isPastTenseVerb(word: string): boolean {
  const key = word.toLowerCase();
  if (hasLexiconTag(key, 'PastTense')) return true;
  return key.length > 3 && key.endsWith('ed') && !NOT_PAST.has(key) && !key.endsWith('eed');
}
