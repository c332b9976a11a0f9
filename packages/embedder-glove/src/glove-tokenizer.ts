import type { VocabularyLookup } from './word-index.js';

/**
 * Turns text into GloVe vocabulary rows. The wink vocabulary is lowercase and
 * ASCII, keeps hyphenated words ("well-known", "e-mail") but has no pure
 * numbers, no single letters, no dotted abbreviations ("u.s.") and no clitics
 * ("n't", "'s"), so those are mapped onto words it does have.
 */

/** Words, possibly joined by inner hyphens, apostrophes, dots, commas, colons, slashes or ampersands. */
const TOKEN_PATTERN = /[\p{L}\p{N}]+(?:[-'.,:/&][\p{L}\p{N}]+)*/gu;
const SEPARATORS = /[-'.,:/&]/;
const SPLIT_SEPARATORS = /[-.,:/&]+/;
const APOSTROPHE_VARIANTS = /[\u2018\u2019\u02bc\u00b4]/g;
const COMBINING_MARKS = /\p{M}/gu;
const NON_ASCII = /[^\p{ASCII}]/u;
const DIGITS_WITH_GROUPING = /^\d{1,3}(?:,\d{3})+$|^\d+$/;
const NUMERIC = /^[\d.,:/]+$/;
const ABBREVIATION = /^(?:\p{L}\.)+\p{L}$/u;

/** "don't" → do + not; the stems of "can't", "won't", "shan't", "ain't" are irregular. */
const NEGATED_STEMS: ReadonlyMap<string, string> = new Map([
  ['ca', 'can'],
  ['wo', 'will'],
  ['sha', 'shall'],
  ['ai', 'is'],
]);
/** Clitic → the word it stands for; "'s" (is / has / possessive) carries nothing, so it maps to nothing. */
const CLITICS: ReadonlyMap<string, string | undefined> = new Map([
  ["'re", 'are'],
  ["'ve", 'have'],
  ["'ll", 'will'],
  ["'m", 'am'],
  ["'d", 'would'],
  ["'s", undefined],
]);
const NUMBER_WORDS: ReadonlyMap<number, string> = new Map(
  [
    'zero',
    'one',
    'two',
    'three',
    'four',
    'five',
    'six',
    'seven',
    'eight',
    'nine',
    'ten',
    'eleven',
    'twelve',
    'thirteen',
    'fourteen',
    'fifteen',
    'sixteen',
    'seventeen',
    'eighteen',
    'nineteen',
    'twenty',
  ].map((word, value): [number, string] => [value, word]),
);
const ROUND_NUMBER_WORDS: ReadonlyMap<number, string> = new Map([
  [30, 'thirty'],
  [40, 'forty'],
  [50, 'fifty'],
  [60, 'sixty'],
  [70, 'seventy'],
  [80, 'eighty'],
  [90, 'ninety'],
  [100, 'hundred'],
  [1000, 'thousand'],
  [1_000_000, 'million'],
  [1_000_000_000, 'billion'],
]);

/**
 * Appends to `out` the vocabulary row of each word of `text` that the
 * vocabulary knows, in text order. Lowercases, folds accents ("café" →
 * "cafe") and typographic apostrophes, expands clitics ("can't" → can not),
 * spells small and round integers ("3" → three, "1,000" → thousand; other
 * numbers carry no GloVe meaning here and are dropped), joins dotted
 * abbreviations ("u.k." → uk) and splits unknown compounds on their inner
 * punctuation ("state-of-the-artness" → state, of, the). Unknown words are
 * skipped. Returns `out`.
 */
export function tokenizeForGlove(text: string, vocabulary: VocabularyLookup, out: number[] = []): number[] {
  let normalised = text.toLowerCase();
  if (NON_ASCII.test(normalised)) {
    normalised = normalised.replace(APOSTROPHE_VARIANTS, "'").normalize('NFKD').replace(COMBINING_MARKS, '');
  }
  for (const match of normalised.matchAll(TOKEN_PATTERN)) resolveToken(match[0], vocabulary, out);
  return out;
}

function resolveToken(token: string, vocabulary: VocabularyLookup, out: number[]): void {
  const row = vocabulary.get(token);
  if (row !== undefined) {
    out.push(row);
    return;
  }
  if (!SEPARATORS.test(token) || NUMERIC.test(token)) {
    const word = numberWord(token);
    if (word !== undefined) pushKnown(word, vocabulary, out);
    return;
  }
  if (token.includes("'")) {
    resolveApostrophes(token, vocabulary, out);
    return;
  }
  if (ABBREVIATION.test(token)) {
    pushKnown(token.replaceAll('.', ''), vocabulary, out);
    return;
  }
  for (const part of token.split(SPLIT_SEPARATORS)) {
    if (part.length > 0) resolveToken(part, vocabulary, out);
  }
}

function resolveApostrophes(token: string, vocabulary: VocabularyLookup, out: number[]): void {
  if (token.endsWith("n't")) {
    const stem = token.slice(0, -3);
    resolveToken(NEGATED_STEMS.get(stem) ?? stem, vocabulary, out);
    pushKnown('not', vocabulary, out);
    return;
  }
  const apostrophe = token.lastIndexOf("'");
  const clitic = token.slice(apostrophe);
  if (CLITICS.has(clitic)) {
    resolveToken(token.slice(0, apostrophe), vocabulary, out);
    const expansion = CLITICS.get(clitic);
    if (expansion !== undefined) pushKnown(expansion, vocabulary, out);
    return;
  }
  // Names such as "o'neill": the joined form first, then the parts.
  const joined = token.replaceAll("'", '');
  const row = vocabulary.get(joined);
  if (row !== undefined) out.push(row);
  else for (const part of token.split("'")) if (part.length > 0) resolveToken(part, vocabulary, out);
}

function numberWord(token: string): string | undefined {
  if (!DIGITS_WITH_GROUPING.test(token)) return undefined;
  const value = Number(token.replaceAll(',', ''));
  return NUMBER_WORDS.get(value) ?? ROUND_NUMBER_WORDS.get(value);
}

function pushKnown(word: string, vocabulary: VocabularyLookup, out: number[]): void {
  const row = vocabulary.get(word);
  if (row !== undefined) out.push(row);
}
