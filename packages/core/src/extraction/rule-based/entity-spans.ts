import type { EntityType, ExtractedEntity } from '../../domain/memory.js';
import { escapeRegExp } from '../../text/escape-regexp.js';
import { hasLexiconTag, isOrganizationWord, isPlaceWord, lexiconTags } from '../../text/lexicon.js';

const CAPITALISED =
  /\b[\p{Lu}][\p{L}\p{N}'’&.-]*(?:\s+(?:of|the|de|del|van|von|&)?\s*[\p{Lu}][\p{L}\p{N}'’&.-]*)*/gu;
const NOT_NAMES = new Set(
  "i i'm i've i'd i'll wow hey hi hello oh thanks thank haha yeah yes no ok okay omg lol cool great awesome nice sure well so and but the a an my our your this that it it's what how why when where who can could would will did do does is are was were just also hope love really totally btw congrats congratulations dear hmm ugh yay aww aw bye good yep nope absolutely definitely mom dad".split(
    ' ',
  ),
);
const COMMON_WORD_TAGS = new Set([
  'Determiner',
  'Pronoun',
  'Preposition',
  'Conjunction',
  'Adverb',
  'Infinitive',
  'PastTense',
  'PresentTense',
  'Modal',
  'Copula',
  'QuestionWord',
  'Expression',
  'Adjective',
  'Gerund',
  'Plural',
  'Singular',
  'Negative',
]);
const ORGANIZATION_SUFFIX =
  /^(?:inc|corp|corporation|ltd|llc|gmbh|plc|co|company|group|labs?|technologies|tech|systems|solutions|robotics|studios?|media|partners|institute|foundation|society|council|ministry|department|motors|industries|holdings|ventures|consulting|software|networks|records|press|publishing|academy|bakery|cafe|café|restaurant|gym|shelter)$/;
const CALENDAR =
  /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Christmas|Easter|Thanksgiving|Halloween)$/;
const EVENT_PHRASE =
  /\b((?:[a-z][a-z'-]+\s+){0,2}(?:conference|festival|parade|party|wedding|concert|race|marathon|workshop|class|meetup|summit|fair|tournament|competition|exhibition|ceremony|retreat|trip|show|meeting|recital|rally|protest|fundraiser|camp|gala|graduation|reunion|vacation))\b/g;
const GROUP_PHRASE =
  /\b((?:[a-zA-Z][a-zA-Z'-]+\s+){0,2}(?:group|club|team|center|centre|shelter|community|organization|organisation|agency|church|school|college|university|company|startup|studio|store|shop|gym|library|hospital|clinic|charity|nonprofit|band|choir))\b/g;
const PHRASE_STOP_TAGS = [
  'Determiner',
  'Preposition',
  'Conjunction',
  'Pronoun',
  'Possessive',
  'PastTense',
  'Modal',
  'Copula',
  'Adverb',
];
const PHRASE_STOP_WORDS = new Set(
  'a an the my our your his her their its this that these those some any to at in on for with of from and or so such very really new local big small little great first last next amazing awesome cool nice fun good love like hate enjoy join attend visit start have has had go going get got'.split(
    ' ',
  ),
);

/** The head of a phrase: the words after its last function word or verb ("love my team" → "team"). */
function phraseHead(phrase: string): string {
  const words = phrase.split(/\s+/);
  let start = words.length - 1;
  while (start > 0) {
    const word = (words[start - 1] ?? '').toLowerCase();
    if (PHRASE_STOP_WORDS.has(word) || PHRASE_STOP_TAGS.some((tag) => hasLexiconTag(word, tag))) break;
    start -= 1;
  }
  return words.slice(start).join(' ');
}

function typeOfName(span: string, previousWord: string, people: ReadonlySet<string>): EntityType {
  if (people.has(span.toLowerCase()) || people.has((span.split(/\s+/)[0] ?? '').toLowerCase()))
    return 'person';
  const words = span.split(/\s+/);
  const last = (words[words.length - 1] ?? '').toLowerCase();
  for (const tags of [lexiconTags(span), lexiconTags(words[0] ?? '')]) {
    if (tags.some((tag) => tag === 'City' || tag === 'Country' || tag === 'Region' || tag === 'Place'))
      return 'place';
    if (tags.some((tag) => tag === 'Organization' || tag === 'SportsTeam')) return 'organization';
    if (tags.some((tag) => /Name$|^Person$|^Honorific$/.test(tag))) return 'person';
  }
  if (isOrganizationWord(last) || ORGANIZATION_SUFFIX.test(last)) return 'organization';
  if (isPlaceWord(last) || /^(?:street|st|avenue|ave|road|rd|park|city|county|state|beach)$/.test(last))
    return 'place';
  if (/^(?:conference|festival|parade|con|expo|summit|marathon|games|cup|fair|week)$/.test(last))
    return 'event';
  if (
    /^(?:with|met|named|called|and|friend|sister|brother|mom|dad|cousin|aunt|uncle|told|asked)$/i.test(
      previousWord,
    )
  ) {
    return 'person';
  }
  return 'thing';
}

const NAME_PATTERNS = new Map<string, RegExp>();

/** A cached whole-word, case-insensitive pattern for a participant name. */
function namePattern(name: string): RegExp {
  let pattern = NAME_PATTERNS.get(name);
  if (pattern === undefined) {
    if (NAME_PATTERNS.size > 1000) NAME_PATTERNS.clear();
    pattern = new RegExp(`\\b${escapeRegExp(name)}\\b`, 'i');
    NAME_PATTERNS.set(name, pattern);
  }
  return pattern;
}

/** Options of {@link findEntities}. */
export interface EntityOptions {
  /** Speaker and participant names: always persons. */
  people: readonly string[];
  /** Also collect lower-case event and group phrases ("pottery class", "support group"). */
  phrases: boolean;
}

/**
 * Entity mentions in a sentence: capitalised spans typed with compromise's
 * lexicon (given names, cities, countries, organisations) and name suffixes
 * ("... University", "... Lake"), participant names as persons, and, with
 * `phrases`, lower-case event and group phrases. Sentence-initial common words,
 * interjections, months and weekdays are not entities. Deduplicated by name.
 */
export function findEntities(sentence: string, options: EntityOptions): ExtractedEntity[] {
  const people = new Set(options.people.map((name) => name.toLowerCase()));
  const found = new Map<string, ExtractedEntity>();
  const add = (name: string, type: EntityType): void => {
    const key = name.toLowerCase();
    if (name.length < 2 || found.has(key) || found.size >= 12) return;
    found.set(key, { name, type });
  };
  CAPITALISED.lastIndex = 0;
  for (let match = CAPITALISED.exec(sentence); match !== null; match = CAPITALISED.exec(sentence)) {
    let span = match[0].replace(/[.'’-]+$/, '');
    // A short window before the span keeps long run-on text linear.
    const windowStart = Math.max(0, match.index - 60);
    const before = sentence.slice(windowStart, match.index);
    let words = span.split(/\s+/);
    const atSentenceStart =
      (windowStart === 0 && /^[\s"“'(]*$/.test(before)) || /[.!?:]\s+["“'(]*$/.test(before);
    const stripped = words.length;
    while (words.length > 0 && NOT_NAMES.has((words[0] ?? '').toLowerCase().replace('’', "'")))
      words = words.slice(1);
    if (atSentenceStart && words.length === stripped) {
      // A sentence-initial capital is a name when the lexicon or the participants say so, or
      // when more capitals follow an unknown word ("Acme Robotics"); "Painting" alone is not.
      const first = words[0] ?? '';
      const tags = lexiconTags(first);
      const known =
        people.has(first.toLowerCase()) ||
        tags.some((tag) => /Name|City|Country|Organization|Place|Region/.test(tag));
      const common = tags.some((tag) => COMMON_WORD_TAGS.has(tag));
      if (!known && (words.length === 1 || common)) words = words.slice(1);
    }
    span = words.join(' ');
    if (span === '' || CALENDAR.test(span) || /^\d/.test(span)) continue;
    const previousWord = /([A-Za-z]+)\s*$/.exec(before)?.[1] ?? '';
    add(span, typeOfName(span, previousWord, people));
  }
  for (const name of options.people) {
    if (namePattern(name).test(sentence)) add(name, 'person');
  }
  if (options.phrases) {
    for (const [pattern, type] of [
      [EVENT_PHRASE, 'event'],
      [GROUP_PHRASE, 'organization'],
    ] as const) {
      pattern.lastIndex = 0;
      for (let match = pattern.exec(sentence); match !== null; match = pattern.exec(sentence)) {
        const phrase = phraseHead((match[1] ?? '').trim());
        if (phrase.includes(' ') && ![...found.keys()].some((key) => key.includes(phrase.toLowerCase())))
          add(phrase, type);
      }
    }
  }
  return [...found.values()];
}
