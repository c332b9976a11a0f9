import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoredMemory } from '../../src/index.js';
import {
  fuseRankings,
  type RankedCandidate,
  rerankBySoftCoverage,
  type WordVectors,
} from '../../src/retrieval/index.js';
import { storedMemoryOf as memory } from '../../test-support/retrieval/retrieval-fixtures.js';

const candidate = (id: string, score: number, overrides: Partial<StoredMemory> = {}): RankedCandidate => ({
  memory: memory({ memoryId: id, ...overrides }),
  links: [],
  score,
});
const ids = (ranked: readonly RankedCandidate[]) => ranked.map((entry) => entry.memory.memoryId);
const descending = (ranked: readonly RankedCandidate[]) =>
  ranked.every((entry, index) => index === 0 || entry.score <= (ranked[index - 1] as RankedCandidate).score);

describe('reciprocal-rank fusion of accurate with fast', () => {
  it('puts first what both rankings place high, over what only one tops', () => {
    const accurate = [candidate('a', 0.9), candidate('b', 0.8), candidate('c', 0.7)];
    const fast = [candidate('c', 0.95), candidate('b', 0.85), candidate('d', 0.6)];
    const fused = fuseRankings(
      [
        { ranking: accurate, weight: 0.5 },
        { ranking: fast, weight: 0.5 },
      ],
      10,
    );
    // k 10: c (3rd and 1st) 0.5/13 + 0.5/11 = 0.0839 just beats b (2nd twice) 0.0833;
    // a, first in one ranking only, 0.0455; d, third in one, 0.0385.
    assert.deepEqual(ids(fused), ['c', 'b', 'a', 'd']);
    assert.ok(descending(fused));
    // The scores handed out are the candidates' own (the first ranking's for a shared memory), sorted.
    assert.deepEqual(
      fused.map((entry) => entry.score),
      [0.9, 0.8, 0.7, 0.6],
    );
  });

  it('is the first ranking unchanged when the second weighs nothing', () => {
    const accurate = [candidate('a', 0.5), candidate('b', 0.9), candidate('c', 0.7)];
    const fused = fuseRankings([
      { ranking: accurate, weight: 1 },
      { ranking: [candidate('c', 1)], weight: 0 },
    ]);
    assert.deepEqual(ids(fused), ['a', 'b', 'c']);
    assert.deepEqual(
      fused.map((entry) => entry.score),
      [0.9, 0.7, 0.5],
    );
  });

  it('a larger weight on a ranking moves the order towards it', () => {
    const accurate = [candidate('a', 0.9), candidate('b', 0.8)];
    const fast = [candidate('b', 0.9), candidate('a', 0.8)];
    const towards = (fastWeight: number) =>
      ids(
        fuseRankings([
          { ranking: accurate, weight: 1 - fastWeight },
          { ranking: fast, weight: fastWeight },
        ]),
      );
    assert.deepEqual(towards(0.3), ['a', 'b']);
    assert.deepEqual(towards(0.7), ['b', 'a']);
  });
});

describe('soft-coverage re-sort of fast', () => {
  // Two-dimensional toy vectors: "stomachache" lies close to "digestive", "guitar" does not.
  const table: Record<string, Float32Array> = {
    digestive: new Float32Array([1, 0]),
    stomachache: new Float32Array([0.96, 0.28]),
    guitar: new Float32Array([0, 1]),
  };
  const vectors: WordVectors = (word) => table[word];

  it('lifts a memory that says the query in other words above one with a weaker match', () => {
    const ranked = [
      candidate('guitar', 0.5, { content: 'Dana plays the guitar', sourceEvidence: [] }),
      candidate('stomach', 0.45, { content: 'Dana had a stomachache', sourceEvidence: [] }),
      candidate('tail', 0.1, { content: 'Dana likes tea', sourceEvidence: [] }),
    ];
    const options = { weight: 0.5, depth: 2 };
    const resorted = rerankBySoftCoverage(ranked, [['digestive', 'dana']], vectors, options);
    assert.deepEqual(ids(resorted), ['stomach', 'guitar', 'tail']);
    assert.ok(descending(resorted));
    assert.equal(resorted[2], ranked[2], 'below the depth nothing moves');
    // Without vectors there is no soft match: the order stands.
    assert.deepEqual(ids(rerankBySoftCoverage(ranked, [['digestive', 'dana']], undefined, options)), [
      'guitar',
      'stomach',
      'tail',
    ]);
  });

  it('changes nothing at weight 0 or with no query terms', () => {
    const ranked = [
      candidate('a', 0.5, { content: 'guitar' }),
      candidate('b', 0.4, { content: 'stomachache' }),
    ];
    assert.deepEqual(ids(rerankBySoftCoverage(ranked, [['digestive']], vectors, { weight: 0, depth: 30 })), [
      'a',
      'b',
    ]);
    assert.deepEqual(ids(rerankBySoftCoverage(ranked, [[]], vectors, { weight: 0.9, depth: 30 })), [
      'a',
      'b',
    ]);
  });
});
