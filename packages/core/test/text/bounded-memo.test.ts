import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boundedMemo } from '../../src/text/bounded-memo.js';

describe('boundedMemo', () => {
  it('computes each key once while it is remembered, and starts over when full', () => {
    const calls: string[] = [];
    const upper = boundedMemo((word: string) => {
      calls.push(word);
      return word.toUpperCase();
    }, 2);
    assert.equal(upper('a'), 'A');
    assert.equal(upper('a'), 'A');
    assert.equal(upper('b'), 'B');
    assert.deepEqual(calls, ['a', 'b']);
    // Full at two: the third key clears the memo, so "a" is computed again.
    assert.equal(upper('c'), 'C');
    assert.equal(upper('a'), 'A');
    assert.deepEqual(calls, ['a', 'b', 'c', 'a']);
  });
});
