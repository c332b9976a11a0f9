import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  COMPACTION_STRATEGIES,
  compactConversation,
  compactionBudget,
  isCompactionStrategy,
  parseCompactionStrategy,
  resolveCompactionLevel,
} from '../../../src/compaction/algorithm/index.js';
import { isEngramError } from '../../../src/errors/engram-error.js';
import { longChatTurns, NOW, toStoredMessages } from './fixtures.js';

const CONCRETE = ['conservative', 'balanced', 'aggressive'];

describe('compaction levels', () => {
  it('lists the seven wire values of CompactionLevel', () => {
    assert.deepEqual([...COMPACTION_STRATEGIES].sort(), [
      'adaptive',
      'aggressive',
      'balanced',
      'conservative',
      'high',
      'low',
      'medium',
    ]);
    for (const strategy of COMPACTION_STRATEGIES) assert.ok(isCompactionStrategy(strategy));
    assert.ok(!isCompactionStrategy('extreme'));
  });

  it('maps aliases by compression strength: low → conservative, medium → balanced, high → aggressive', () => {
    const sizing = { originalTokens: 50_000 };
    assert.equal(resolveCompactionLevel('low', sizing), 'conservative');
    assert.equal(resolveCompactionLevel('medium', sizing), 'balanced');
    assert.equal(resolveCompactionLevel('high', sizing), 'aggressive');
    for (const level of CONCRETE) assert.equal(resolveCompactionLevel(level, sizing), level);
  });

  it('adaptive picks from the length when no target is given', () => {
    assert.equal(resolveCompactionLevel('adaptive', { originalTokens: 1_500 }), 'conservative');
    assert.equal(resolveCompactionLevel('adaptive', { originalTokens: 8_000 }), 'balanced');
    assert.equal(resolveCompactionLevel('adaptive', { originalTokens: 60_000 }), 'aggressive');
  });

  it('adaptive picks from the target share when a target is given', () => {
    assert.equal(
      resolveCompactionLevel('adaptive', { originalTokens: 10_000, targetTokens: 5_000 }),
      'conservative',
    );
    assert.equal(
      resolveCompactionLevel('adaptive', { originalTokens: 10_000, targetTokens: 2_500 }),
      'balanced',
    );
    assert.equal(
      resolveCompactionLevel('adaptive', { originalTokens: 10_000, targetTokens: 500 }),
      'aggressive',
    );
    // A null target (the SDK sends nulls) falls back to the length rule.
    assert.equal(
      resolveCompactionLevel('adaptive', { originalTokens: 1_000, targetTokens: null }),
      'conservative',
    );
  });

  it('treats null, undefined and blank as adaptive, and normalises case and spaces', () => {
    assert.equal(parseCompactionStrategy(null), 'adaptive');
    assert.equal(parseCompactionStrategy(undefined), 'adaptive');
    assert.equal(parseCompactionStrategy('  '), 'adaptive');
    assert.equal(parseCompactionStrategy(' Balanced '), 'balanced');
    assert.equal(resolveCompactionLevel(null, { originalTokens: 60_000 }), 'aggressive');
  });

  it('rejects unknown strategies with INVALID_INPUT', () => {
    assert.throws(
      () => resolveCompactionLevel('extreme', { originalTokens: 100 }),
      (error) => isEngramError(error, 'INVALID_INPUT'),
    );
  });

  it('budgets the level share of the original, or the target when given', () => {
    assert.equal(compactionBudget('conservative', 10_000), 5_000);
    assert.equal(compactionBudget('balanced', 10_000), 2_500);
    assert.equal(compactionBudget('aggressive', 10_000), 1_000);
    assert.equal(compactionBudget('aggressive', 10_000, 3_000), 3_000);
    assert.equal(compactionBudget('aggressive', 10), 10, 'never above a tiny original');
  });

  it('reports a valid strategy_used and a concrete level for every strategy', () => {
    const messages = toStoredMessages(longChatTurns(4));
    for (const strategy of [...COMPACTION_STRATEGIES, null]) {
      const result = compactConversation({ messages, level: strategy, now: NOW });
      assert.ok(isCompactionStrategy(result.strategyUsed), String(strategy));
      assert.equal(result.strategyUsed, strategy ?? 'adaptive');
      assert.ok(CONCRETE.includes(result.levelApplied), `${strategy} → ${result.levelApplied}`);
      assert.ok(result.compactedTokenCount <= result.budgetTokens);
    }
  });
});
