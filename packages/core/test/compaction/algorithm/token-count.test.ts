import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countTokens, TOKEN_ENCODING } from '../../../src/compaction/algorithm/index.js';

describe('countTokens', () => {
  it('counts o200k_base BPE tokens, not characters / 4', () => {
    assert.equal(TOKEN_ENCODING, 'o200k_base');
    assert.equal(countTokens('hello world'), 2);
    assert.equal(countTokens('The quick brown fox jumps over the lazy dog.'), 10);
    // chars/4 would say 10 and 3: BPE merges runs and splits CJK differently.
    assert.equal(countTokens('a'.repeat(40)), 5);
    assert.equal(countTokens('東京は日本の首都です'), 7);
  });

  it('is zero for the empty string', () => {
    assert.equal(countTokens(''), 0);
  });

  it('counts special-token strings in user text as plain text instead of throwing', () => {
    assert.equal(countTokens('a <|endoftext|> b'), 9);
  });

  it('counts long texts in one call', () => {
    const text = 'Caroline: I went to the LGBTQ support group yesterday and it was powerful. '.repeat(2_000);
    const tokens = countTokens(text);
    assert.ok(tokens > 30_000 && tokens < 40_000, `got ${tokens}`);
  });
});
