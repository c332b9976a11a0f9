import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildWordIndex, WordIndex } from '../src/word-index.js';

/** The index over `words` joined as the cache stores them. */
function indexOf(words: string[]): WordIndex {
  const bytes = new Uint8Array(Buffer.from(words.join('\n'), 'utf8'));
  return new WordIndex(bytes, buildWordIndex(bytes, words.length));
}

describe('WordIndex', () => {
  it('answers every row as a Map built in row order would, first row winning for duplicates', () => {
    const words = ['the', 'of', 'café', 'naïve', 'well-known', 'a', 'the', 'zoë', 'x', "o'neill", '東京'];
    for (let index = 0; index < 3_000; index += 1) words.push(`w${(index * 7919).toString(36)}`);
    const expected = new Map<string, number>();
    for (const [row, word] of words.entries()) if (!expected.has(word)) expected.set(word, row);
    const index = indexOf(words);
    for (const [word, row] of expected) assert.equal(index.get(word), row, word);
    for (const absent of ['', 'th', 'thee', 'cafe', 'naive', 'zoe', 'well', 'W0', '東', '東京都']) {
      assert.equal(index.get(absent), undefined, absent);
    }
  });

  it('handles a one-word vocabulary and the empty word', () => {
    assert.equal(indexOf(['only']).get('only'), 0);
    assert.equal(indexOf(['only']).get(''), undefined);
    assert.equal(indexOf(['', 'b']).get(''), 0);
  });

  it('rejects a vocabulary whose word count disagrees with the row count', () => {
    const bytes = new Uint8Array(Buffer.from('a\nb', 'utf8'));
    assert.throws(() => buildWordIndex(bytes, 3), RangeError);
  });
});
