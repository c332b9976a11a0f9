import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EntityLink } from '../../src/index.js';
import { coMentionShares, type RankedCandidate } from '../../src/retrieval/index.js';
import { storedMemoryOf as memory } from '../../test-support/retrieval/retrieval-fixtures.js';

const link = (entityId: string): EntityLink => ({ entityId, canonicalName: entityId, type: 'thing' });
const candidate = (id: string, score: number, links: string[] = []): RankedCandidate => ({
  memory: memory({ memoryId: id }),
  links: links.map(link),
  score,
});
/** Weak candidates below the seeds, so the pool is big enough to tell hubs. */
const fillers = (count: number, links: string[] = []) =>
  Array.from({ length: count }, (_, index) => candidate(`f${index}`, 0.3 - index * 0.01, links));

describe('co-mention shares: pseudo-relevance through the best candidates’ entities', () => {
  it('gives a weak match linked to a seed’s entity that seed’s share of the best score', () => {
    const ranked = [
      candidate('seed', 1, ['x']),
      candidate('second', 0.5, ['camping']),
      ...fillers(10),
      candidate('reached', 0.1, ['camping']),
    ];
    const shares = coMentionShares(ranked);
    assert.equal(shares.at(-1), 0.5);
    // The seed itself counts only through another seed; fillers share nothing.
    assert.equal(shares[1], 0);
    assert.ok(shares.slice(2, -1).every((share) => share === 0));
  });

  it('does not follow a hub (an entity of a tenth of the pool), nor score a tiny pool', () => {
    const ranked = [candidate('seed', 1, ['speaker']), ...fillers(12, ['speaker'])];
    assert.ok(coMentionShares(ranked).every((share) => share === 0));
    const tiny = [candidate('seed', 1, ['x']), candidate('other', 0.5, ['x'])];
    assert.deepEqual(coMentionShares(tiny), [0, 0]);
  });

  it('two seeds sharing an entity lift each other by the other’s score', () => {
    const ranked = [candidate('a', 1, ['pottery']), candidate('b', 0.8, ['pottery']), ...fillers(10)];
    const shares = coMentionShares(ranked);
    assert.equal(shares[0], 0.8);
    assert.equal(shares[1], 1);
  });
});
