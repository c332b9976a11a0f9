import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { QuestionScore, ScoredQuestion } from '../locomo/scoring.js';
import {
  type ConfigScores,
  pooledTestRecall,
  recallAt10Of,
  twoFoldCrossValidation,
} from './cross-validation.js';
import { positionsOf, selectSamples } from './evaluation-samples.js';
import { applyConstants, layerSetting, sweepSettings } from './evaluation-settings.js';

function question(recallAt10: number, category: 1 | 2 | 3 | 4 | 5 = 4): ScoredQuestion {
  const score: QuestionScore = {
    recallAt5: recallAt10,
    recallAt10,
    recallAt20: recallAt10,
    ndcgAt10: recallAt10,
    answerRecall: null,
  };
  return { category, score };
}

function setting(label: string, perSample: number[]): ConfigScores {
  return { label, bySample: new Map(perSample.map((recall, sample) => [sample, [question(recall)]])) };
}

describe('two-fold cross-validation by conversation', () => {
  it('picks on the training half and reports the held-out half', () => {
    // "tuned" wins on samples 0-1 only; "steady" is better on 2-3.
    const settings = [
      setting('default', [0.5, 0.5, 0.5, 0.5]),
      setting('tuned', [0.9, 0.9, 0.1, 0.1]),
      setting('steady', [0.6, 0.6, 0.7, 0.7]),
    ];
    const folds = twoFoldCrossValidation(settings, [
      [0, 1],
      [2, 3],
    ]);
    assert.equal(folds[0]?.picked, 'tuned');
    assert.equal(folds[0]?.testRecallAt10, 0.1);
    assert.equal(folds[0]?.baselineTestRecallAt10, 0.5);
    assert.equal(folds[1]?.picked, 'steady');
    assert.equal(folds[1]?.testRecallAt10, 0.6);
    const pooled = pooledTestRecall(folds);
    assert.ok(Math.abs(pooled.picked - 0.35) < 1e-12);
    assert.ok(Math.abs(pooled.baseline - 0.5) < 1e-12);
  });

  it('leaves adversarial questions out of the figure', () => {
    const scores: ConfigScores = {
      label: 'x',
      bySample: new Map([[0, [question(1, 1), question(0, 5)]]]),
    };
    assert.equal(recallAt10Of(scores, [0]), 1);
    assert.equal(recallAt10Of(scores, [7]), 0);
  });
});

describe('evaluation settings', () => {
  it('crosses sweep axes, defaults first', () => {
    const settings = sweepSettings([
      'PRIOR_FACTORS.personSubject=2,1.2',
      'tuning.searchLimits.vector=150,100',
    ]);
    assert.equal(settings.length, 4);
    assert.deepEqual(settings[0]?.constants, { PRIOR_FACTORS: { personSubject: 2 } });
    assert.deepEqual(settings[0]?.tuning, { searchLimits: { vector: 150 } });
    assert.deepEqual(settings[3]?.constants, { PRIOR_FACTORS: { personSubject: 1.2 } });
    assert.deepEqual(sweepSettings([]), [{ label: 'default' }]);
    assert.throws(() => sweepSettings(['nonsense']));
  });

  it('layers a setting over the base key by key', () => {
    const merged = layerSetting(
      { label: 'base', constants: { PRIOR_FACTORS: { personSubject: 2, personMention: 1.1 } } },
      { label: 'one', constants: { PRIOR_FACTORS: { personMention: 1.3 } } },
    );
    assert.deepEqual(merged.constants, { PRIOR_FACTORS: { personSubject: 2, personMention: 1.3 } });
  });

  it('applies constant overrides and restores them', () => {
    const target = { weight: 0.5, power: 2 };
    const restore = applyConstants({ TARGET: target }, { TARGET: { weight: 0 } });
    assert.deepEqual(target, { weight: 0, power: 2 });
    restore();
    assert.deepEqual(target, { weight: 0.5, power: 2 });
    assert.throws(() => applyConstants({}, { MISSING: { a: 1 } }));
  });

  it('selects samples by count, range or list', () => {
    assert.deepEqual(positionsOf('3', 10), [0, 1, 2]);
    assert.deepEqual(positionsOf('0-4', 10), [0, 1, 2, 3, 4]);
    assert.deepEqual(positionsOf('5-9,2', 8), [2, 5, 6, 7]);
    assert.deepEqual(selectSamples(['a', 'b', 'c'], '1-1'), ['b']);
    assert.deepEqual(selectSamples(['a', 'b'], undefined), ['a', 'b']);
  });
});
