import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ScopeWriteGenerations } from '../../src/retrieval/scope-write-generations.js';
import { manualClock } from '../../test-support/retrieval/manual-clock.js';

describe('ScopeWriteGenerations', () => {
  it('reads 0 for an unwritten scope and a new, never repeated generation after each write', () => {
    const time = manualClock();
    const generations = new ScopeWriteGenerations({ clock: time.clock });
    assert.equal(generations.generationOf('i/user/a'), 0);
    generations.recordWrite('i/user/a');
    const first = generations.generationOf('i/user/a');
    generations.recordWrite('i/user/b');
    generations.recordWrite('i/user/a');
    const second = generations.generationOf('i/user/a');
    assert.ok(first > 0 && second > first);
    assert.notEqual(generations.generationOf('i/user/b'), second, 'one counter for every scope');
    assert.equal(generations.generationOf('j/user/a'), 0, 'other scope keys are untouched');
  });

  it('forgets writes older than the retention, and a later write still gets an unused generation', () => {
    const time = manualClock();
    const generations = new ScopeWriteGenerations({ clock: time.clock, retentionMs: 10_000 });
    assert.equal(generations.retentionMs, 10_000);
    generations.recordWrite('i/user/a');
    const before = generations.generationOf('i/user/a');
    time.advance(5_000);
    generations.recordWrite('i/user/b');
    time.advance(5_000);
    generations.recordWrite('i/user/c');
    assert.equal(generations.generationOf('i/user/a'), 0, 'swept once its write is retention old');
    assert.ok(generations.generationOf('i/user/b') > 0, 'a recent write is kept');
    assert.equal(generations.size, 2);
    generations.recordWrite('i/user/a');
    assert.ok(generations.generationOf('i/user/a') > before);
  });
});
