// The extraction cursor of every adapter: it starts at 0, moves only by
// compare-and-set (of concurrent writers that read the same value exactly
// one wins), is kept per instance and conversation, and survives a reopen.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { EngramStore } from '../src/index.js';
import type { StoreFactory } from './store-conformance.js';

const AT = '2026-01-01T00:00:00.000Z';

/** Registers the suite under `describe(name)`. */
export function conversationExtractionConformanceSuite(name: string, factory: StoreFactory): void {
  describe(`${name}: conversation extraction cursors`, () => {
    let store: EngramStore;
    before(async () => {
      store = await factory.open();
    });
    after(() => factory.dispose());

    it('moves only from where it stands, per instance and conversation, and persists', async () => {
      const cursors = store.conversationExtractions;
      assert.equal(await cursors.extractedThrough('inst_a', 'conv'), 0);
      assert.equal(await cursors.advance('inst_a', 'conv', 0, 3, AT), true);
      assert.equal(await cursors.advance('inst_a', 'conv', 0, 5, AT), false, 'a writer that read 0 loses');
      assert.equal(await cursors.advance('inst_a', 'conv', 3, 5, AT), true);
      assert.equal(await cursors.advance('inst_a', 'conv', 3, 9, AT), false);
      assert.equal(await cursors.advance('inst_a', 'other', 2, 9, AT), false, 'a missing cursor stands at 0');
      assert.equal(await cursors.extractedThrough('inst_a', 'other'), 0);
      assert.equal(await cursors.extractedThrough('inst_b', 'conv'), 0, 'another instance has its own');
      store = await factory.reopen();
      assert.equal(await store.conversationExtractions.extractedThrough('inst_a', 'conv'), 5);
    });

    it('lets exactly one of many concurrent writers move it', async () => {
      const cursors = store.conversationExtractions;
      for (const [from, conversation] of [
        [0, 'race-new'],
        [4, 'race-old'],
      ] as const) {
        if (from > 0) assert.ok(await cursors.advance('inst_a', conversation, 0, from, AT));
        const outcomes = await Promise.all(
          Array.from({ length: 8 }, (_, index) =>
            cursors.advance('inst_a', conversation, from, from + index + 1, AT),
          ),
        );
        assert.equal(outcomes.filter(Boolean).length, 1, `${conversation}: one winner`);
        const winner = outcomes.indexOf(true);
        assert.equal(await cursors.extractedThrough('inst_a', conversation), from + winner + 1);
      }
    });
  });
}
