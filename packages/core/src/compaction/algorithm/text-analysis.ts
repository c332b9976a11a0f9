/**
 * Word-level analysis shared by the compaction stages: content terms, named
 * entities, numbers and dates. Regex-based on purpose: it runs on every
 * sentence of long conversations and must stay linear and allocation-light.
 */
import { LOWERCASE_MONTH_NAMES } from '../../text/month-names.js';

const STOP_WORDS = new Set(
  (
    "a about above after again against all am an and any are aren't as at be because been before being below " +
    "between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each " +
    "few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself " +
    "him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most " +
    "mustn't my myself no nor not of off on once only or other ought our ours ourselves out over own same shan't " +
    "she she'd she'll she's should shouldn't so some such than that that's the their theirs them themselves then " +
    "there there's these they they'd they'll they're they've this those through to too under until up very was " +
    "wasn't we we'd we'll we're we've were weren't what what's when when's where where's which while who who's " +
    "whom why why's will with won't would wouldn't you you'd you'll you're you've your yours yourself yourselves " +
    'also just really yeah yes oh ok okay hey hi hello wow got get gets getting like thing things lot lots much ' +
    'one ones way well even still sure gonna wanna im ive dont thats its youre'
  ).split(' '),
);

/** True for English function words and chat fillers that carry no content. */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

// Words that dominate small talk without naming a topic (stemmed and plain forms).
const GENERIC_WORDS = new Set(
  (
    'good great nice awesome amazing cool fun love lov glad happy thank thanks know think feel time day days ' +
    'really sound sounds look looks make see want need going go come take lot kind sorry hope wish bet totally ' +
    'definitely pretty tell told say said talk chat mean new old keep try stuff people something anything ' +
    'everything always never many little bit right now today tonight made last first next true honestly ' +
    'others other seem seems remember thought able awesome super glad absolutely sweet guess whole'
  ).split(' '),
);

/** True for words that are frequent in chat but name no topic ("great", "feel", "really"). */
export function isGenericWord(word: string): boolean {
  return GENERIC_WORDS.has(word) || GENERIC_WORDS.has(stemWord(word));
}

const NUMBER_WORDS = new Set(
  'zero one two three four five six seven eight nine ten eleven twelve hundred thousand million'.split(' '),
);

/** True for a word that can name a topic: not a stop word, small talk, number or too short. */
export function isTopicWord(word: string): boolean {
  return (
    word.length >= 3 &&
    !/\d/.test(word) &&
    !STOP_WORDS.has(word) &&
    !NUMBER_WORDS.has(word) &&
    !isGenericWord(word)
  );
}

const WORD_PATTERN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/**
 * Folds inflections so "paintings", "painting" and "painted" meet. Light on
 * purpose: a full stemmer costs more and over-merges names.
 */
export function stemWord(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ing') && word.length > 5) return word.slice(0, -3);
  if (word.endsWith('ed') && word.length > 4) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1);
  return word;
}

/** Lower-case words of `text` (letters and digits, inner apostrophes kept). */
export function words(text: string): string[] {
  return text.toLowerCase().replace(/’/g, "'").match(WORD_PATTERN) ?? [];
}

/** Stemmed content terms of `text`, stop words and possessive 's dropped, in order, repeats kept. */
export function contentTerms(text: string): string[] {
  const terms: string[] = [];
  for (const raw of words(text)) {
    const word = raw.endsWith("'s") ? raw.slice(0, -2) : raw;
    if (word.length < 2 && !/\d/.test(word)) continue;
    if (STOP_WORDS.has(word)) continue;
    terms.push(stemWord(word));
  }
  return terms;
}

const MONTHS = LOWERCASE_MONTH_NAMES;
const MONTH_NAMES = new Set([
  ...MONTHS,
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
]);
const WEEKDAYS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
const RELATIVE_DATE_WORDS =
  /\b(yesterday|tomorrow|tonight|ago|last (?:week|month|year|weekend|night)|next (?:week|month|year|weekend))\b/i;
const YEAR = /^(?:19|20)\d\d$/;
// Capitalised words that are not names: sentence openers, pronoun forms, interjections.
const NOT_NAMES = new Set([
  'i',
  "i'm",
  "i've",
  "i'll",
  "i'd",
  'ok',
  'okay',
  'oh',
  'wow',
  'hey',
  'hi',
  'yes',
  'no',
  'mr',
  'mrs',
  'ms',
  'dr',
]);

/** Names, numbers and dates found in one sentence, normalised for matching. */
export interface SentenceSignals {
  /** Lower-cased proper-noun-like words (capitalised mid-sentence, or acronyms). */
  entities: string[];
  /** Digit strings, separators dropped ("$1,200" → "1200"). */
  numbers: string[];
  /** Lower-cased month and weekday names and years. */
  dates: string[];
  /** Any date mention, relative ones ("yesterday", "last week") included. */
  hasDate: boolean;
  /**
   * The sentence's capitalised first word, lower-cased, when it could be a
   * name ("Priya moved..."); capitals there prove nothing, so it becomes an
   * entity only if the same word is capitalised mid-sentence elsewhere.
   */
  leadingWord: string | undefined;
}

const RAW_TOKEN = /[\p{L}\p{N}][\p{L}\p{N}'’.,$%-]*/gu;

/** Finds names, numbers and dates in a sentence (`text` as written, case intact). */
export function sentenceSignals(text: string): SentenceSignals {
  const entities: string[] = [];
  const numbers: string[] = [];
  const dates: string[] = [];
  let leadingWord: string | undefined;
  let position = 0;
  for (const match of text.matchAll(RAW_TOKEN)) {
    const token = match[0].replace(/[.,'’-]+$/, '');
    const first = position === 0;
    position++;
    if (token.length === 0) continue;
    if (/\d/.test(token)) {
      const digits = normalizeNumber(token);
      if (digits.length > 0) {
        numbers.push(digits);
        if (YEAR.test(digits)) dates.push(digits);
      }
      continue;
    }
    const lower = token.toLowerCase().replace(/['’]s$/, '');
    if (
      WEEKDAYS.has(lower) ||
      (MONTH_NAMES.has(lower) && (lower !== 'may' || /^May$/.test(token)) && !first)
    ) {
      dates.push(lower);
      continue;
    }
    const isAcronym = token.length >= 2 && token === token.toUpperCase() && /\p{Lu}/u.test(token);
    const isCapitalised = /^\p{Lu}/u.test(token);
    if (first && isCapitalised && !isAcronym && !NOT_NAMES.has(lower) && !STOP_WORDS.has(lower)) {
      leadingWord = lower;
    }
    if (
      (isAcronym && !NOT_NAMES.has(lower)) ||
      (isCapitalised && !first && !NOT_NAMES.has(lower) && !STOP_WORDS.has(lower))
    ) {
      entities.push(lower);
    }
  }
  return {
    entities,
    numbers,
    dates,
    hasDate: dates.length > 0 || RELATIVE_DATE_WORDS.test(text),
    leadingWord,
  };
}

/** Digits of a number token, thousands separators and currency signs dropped ("1,200.50" → "1200.50"). */
export function normalizeNumber(token: string): string {
  return token.replace(/[^\d.]/g, '').replace(/^\.+|\.+$/g, '');
}

/** "8 May 2023" for an ISO instant (UTC calendar day); '' when unparsable. */
export function formatDay(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const month = MONTHS[date.getUTCMonth()] ?? '';
  return `${date.getUTCDate()} ${month.charAt(0).toUpperCase()}${month.slice(1)} ${date.getUTCFullYear()}`;
}

/** "2023-05-08" for an ISO instant (UTC); the raw string when unparsable. */
export function dayKey(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().slice(0, 10);
}

/** "May 2023" for a month (1-12) and year. */
export function formatMonth(month: number, year: number): string {
  const name = MONTHS[month - 1] ?? '';
  return `${name.charAt(0).toUpperCase()}${name.slice(1)} ${year}`;
}
