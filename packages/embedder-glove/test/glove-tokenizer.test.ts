import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tokenizeForGlove } from '../src/glove-tokenizer.js';

const WORDS = [
  'the',
  'do',
  'not',
  'can',
  'will',
  'it',
  'are',
  'am',
  'they',
  'would',
  'have',
  'three',
  'thousand',
  'twenty',
  'cafe',
  'uk',
  'well-known',
  'e-mail',
  'state',
  'art',
  'of',
  'neill',
  'john',
  'mid-1990s',
  'hello',
  'world',
  'is',
];
const vocabulary = new Map(WORDS.map((word, row) => [word, row]));
const words = (text: string) => tokenizeForGlove(text, vocabulary).map((row) => WORDS[row]);

describe('tokenizeForGlove', () => {
  it('lowercases and drops punctuation and unknown words', () => {
    assert.deepEqual(words('Hello, World!!! (zzqx)'), ['hello', 'world']);
  });

  it('expands clitics and negations, straight or typographic apostrophes', () => {
    assert.deepEqual(words("Don't"), ['do', 'not']);
    assert.deepEqual(words('can’t'), ['can', 'not']);
    assert.deepEqual(words("won't"), ['will', 'not']);
    assert.deepEqual(words("they're"), ['they', 'are']);
    assert.deepEqual(words("I'm"), ['am']);
    assert.deepEqual(words("it's John's"), ['it', 'john']);
    assert.deepEqual(words("they'd've"), ['they', 'would', 'have']);
  });

  it('keeps known hyphenated words and splits unknown compounds', () => {
    assert.deepEqual(words('a well-known e-mail'), ['well-known', 'e-mail']);
    assert.deepEqual(words('state-of-the-art'), ['state', 'of', 'the', 'art']);
    assert.deepEqual(words('in the mid-1990s'), ['the', 'mid-1990s']);
  });

  it('spells small and round numbers, drops other numbers', () => {
    assert.deepEqual(words('3 cats, 20 dogs, 1,000 birds'), ['three', 'twenty', 'thousand']);
    assert.deepEqual(words('3.5 or 10:30 or 1999'), []);
  });

  it('folds accents, joins dotted abbreviations and resolves names with apostrophes', () => {
    assert.deepEqual(words('Café in the U.K.'), ['cafe', 'the', 'uk']);
    assert.deepEqual(words("O'Neill"), ['neill']);
  });

  it('returns nothing for empty or unknown text', () => {
    assert.deepEqual(words(''), []);
    assert.deepEqual(words('   ... !!! 3.14'), []);
  });
});
