import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { candidatePoolFor } from '../../src/retrieval/memory-retrieval-pipeline.js';

describe('candidatePoolFor', () => {
  it('loads seven candidates a result between the floor of 70 and the pool cap', () => {
    assert.equal(candidatePoolFor(1, 100), 70);
    assert.equal(candidatePoolFor(10, 100), 70);
    assert.equal(candidatePoolFor(12, 100), 84);
    assert.equal(candidatePoolFor(15, 100), 100);
    assert.equal(candidatePoolFor(50, 100), 100);
  });

  it('never loads fewer than the results asked for, nor more than a smaller cap allows', () => {
    assert.equal(candidatePoolFor(50, 40), 50);
    assert.equal(candidatePoolFor(10, 40), 40);
  });
});
