// A plain Porter (1980) suffix stripper, following the paper and the FTS5
// "porter" tokenizer built on it, so that scores computed outside SQLite see
// the same stems as the full-text index. In each step only the longest
// matching suffix is considered.

function isConsonant(word: string, index: number): boolean {
  const letter = word[index];
  if (letter === 'a' || letter === 'e' || letter === 'i' || letter === 'o' || letter === 'u') return false;
  // "y" is a vowel after a consonant ("happy") and a consonant otherwise ("toy", "yes").
  if (letter === 'y') return index === 0 || !isConsonant(word, index - 1);
  return true;
}

/** Porter's m: the number of vowel-consonant sequences in the stem. */
function measure(stem: string): number {
  let count = 0;
  let previousVowel = false;
  for (let index = 0; index < stem.length; index++) {
    const vowel = !isConsonant(stem, index);
    if (previousVowel && !vowel) count++;
    previousVowel = vowel;
  }
  return count;
}

function hasVowel(stem: string): boolean {
  for (let index = 0; index < stem.length; index++) if (!isConsonant(stem, index)) return true;
  return false;
}

function endsWithDoubleConsonant(stem: string): boolean {
  const last = stem.length - 1;
  return last >= 1 && stem[last] === stem[last - 1] && isConsonant(stem, last);
}

/** Consonant-vowel-consonant ending whose last consonant is not w, x or y ("hop", not "snow"). */
function endsWithCvc(stem: string): boolean {
  const last = stem.length - 1;
  if (last < 2) return false;
  const final = stem[last];
  return (
    isConsonant(stem, last) &&
    !isConsonant(stem, last - 1) &&
    isConsonant(stem, last - 2) &&
    final !== 'w' &&
    final !== 'x' &&
    final !== 'y'
  );
}

type Rule = readonly [suffix: string, replacement: string];

const byLongestSuffix = (rules: Rule[]): Rule[] =>
  rules.sort((left, right) => right[0].length - left[0].length);

const STEP_2: readonly Rule[] = byLongestSuffix([
  ['ational', 'ate'],
  ['tional', 'tion'],
  ['enci', 'ence'],
  ['anci', 'ance'],
  ['izer', 'ize'],
  ['bli', 'ble'],
  ['alli', 'al'],
  ['entli', 'ent'],
  ['eli', 'e'],
  ['ousli', 'ous'],
  ['ization', 'ize'],
  ['ation', 'ate'],
  ['ator', 'ate'],
  ['alism', 'al'],
  ['iveness', 'ive'],
  ['fulness', 'ful'],
  ['ousness', 'ous'],
  ['aliti', 'al'],
  ['iviti', 'ive'],
  ['biliti', 'ble'],
  ['logi', 'log'],
]);

const STEP_3: readonly Rule[] = byLongestSuffix([
  ['icate', 'ic'],
  ['ative', ''],
  ['alize', 'al'],
  ['iciti', 'ic'],
  ['ical', 'ic'],
  ['ful', ''],
  ['ness', ''],
]);

const STEP_4 = [
  'al',
  'ance',
  'ence',
  'er',
  'ic',
  'able',
  'ible',
  'ant',
  'ement',
  'ment',
  'ent',
  'ion',
  'ou',
  'ism',
  'ate',
  'iti',
  'ous',
  'ive',
  'ize',
].sort((left, right) => right.length - left.length);

/** Applies the first (longest) rule whose suffix matches, if the remaining stem's measure exceeds `minimum`. */
function applyRules(word: string, rules: readonly Rule[], minimum: number): string {
  for (const [suffix, replacement] of rules) {
    if (!word.endsWith(suffix)) continue;
    const stem = word.slice(0, -suffix.length);
    return measure(stem) > minimum ? stem + replacement : word;
  }
  return word;
}

function step1(word: string): string {
  if (word.endsWith('sses') || word.endsWith('ies')) word = word.slice(0, -2);
  else if (word.endsWith('s') && !word.endsWith('ss')) word = word.slice(0, -1);

  if (word.endsWith('eed')) {
    if (measure(word.slice(0, -3)) > 0) word = word.slice(0, -1);
  } else {
    const suffix = word.endsWith('ed') ? 'ed' : word.endsWith('ing') ? 'ing' : undefined;
    if (suffix && hasVowel(word.slice(0, -suffix.length))) {
      word = word.slice(0, -suffix.length);
      if (word.endsWith('at') || word.endsWith('bl') || word.endsWith('iz')) word += 'e';
      else if (endsWithDoubleConsonant(word) && !/[lsz]$/.test(word)) word = word.slice(0, -1);
      else if (measure(word) === 1 && endsWithCvc(word)) word += 'e';
    }
  }

  if (word.endsWith('y') && hasVowel(word.slice(0, -1))) word = `${word.slice(0, -1)}i`;
  return word;
}

function step4(word: string): string {
  for (const suffix of STEP_4) {
    if (!word.endsWith(suffix)) continue;
    const stem = word.slice(0, -suffix.length);
    // "-ion" goes only after s or t ("adoption" → "adopt", not "opin" from "opinion").
    if (suffix === 'ion' && !/[st]$/.test(stem)) return word;
    return measure(stem) > 1 ? stem : word;
  }
  return word;
}

function step5(word: string): string {
  if (word.endsWith('e')) {
    const stem = word.slice(0, -1);
    const m = measure(stem);
    if (m > 1 || (m === 1 && !endsWithCvc(stem))) word = stem;
  }
  if (word.endsWith('ll') && measure(word) > 1) word = word.slice(0, -1);
  return word;
}

/**
 * Reduces a lower-case English word to its Porter stem ("painting" → "paint",
 * "adoption" → "adopt"). Words of one or two letters come back unchanged.
 * Deterministic and pure; the input must already be lower-cased.
 */
export function porterStem(word: string): string {
  if (word.length <= 2) return word;
  let stem = step1(word);
  stem = applyRules(stem, STEP_2, 0);
  stem = applyRules(stem, STEP_3, 0);
  stem = step4(stem);
  return step5(stem);
}
