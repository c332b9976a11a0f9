import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseLocomo } from './locomo-dataset.js';
import {
  aggregateScores,
  answerRecall,
  collectTurns,
  evidenceRecall,
  ndcg,
  type QuestionScore,
  type RankedItem,
  scoreQuestion,
  TurnIndex,
} from './scoring.js';
import { syntheticLocomoJson } from './synthetic-locomo-fixture.js';

const [sample] = parseLocomo(syntheticLocomoJson());
const turns = new TurnIndex(sample!.turns);
const lineOf = (diaId: string) => sample!.turns.find((turn) => turn.diaId === diaId)!.line;
const item = (...diaIds: string[]): RankedItem => ({ text: 'memory', sourceEvidence: diaIds.map(lineOf) });

describe('TurnIndex', () => {
  it('matches lines after lower-casing and collapsing whitespace', () => {
    assert.equal(turns.turnFor('  ana:  HI ben! I started painting\tsunsets at the lake. '), 'D1:1');
    assert.equal(turns.turnFor('Ana: Hi Ben! I started painting\nsunsets at the lake.'), 'D1:1');
  });

  it('matches a captioned turn with and without its photo suffix', () => {
    assert.equal(
      turns.turnFor(
        'Ben: So cute! Here is my garden. [shares a photo: a photo of tomatoes growing in a garden]',
      ),
      'D2:2',
    );
    assert.equal(turns.turnFor('Ben: So cute! Here is my garden.'), 'D2:2');
  });

  it('maps a repeated line to its earliest turn and unknown lines to nothing', () => {
    assert.equal(turns.turnFor('Ana: See you!'), 'D1:3');
    assert.equal(turns.turnFor('Ana: I adopted a puppy'), undefined);
    assert.equal(turns.turnFor('I adopted a puppy named Biscuit last weekend!'), undefined);
  });
});

describe('collectTurns', () => {
  it('spends the budget on every turn an item cites, cutting the last item', () => {
    const items = [item('D1:1', 'D1:2', 'D1:3'), item('D2:1', 'D2:2')];
    assert.deepEqual(collectTurns(items, turns, 4), ['D1:1', 'D1:2', 'D1:3', 'D2:1']);
    assert.deepEqual(collectTurns(items, turns, 2), ['D1:1', 'D1:2']);
    assert.deepEqual(collectTurns(items, turns, 20), ['D1:1', 'D1:2', 'D1:3', 'D2:1', 'D2:2']);
  });

  it('counts a turn once and skips lines that match no turn', () => {
    const items = [
      item('D1:2'),
      { text: 'x', sourceEvidence: ['nobody: said this'] },
      item('D1:2', 'D2:1'),
      { text: 'y', sourceEvidence: [] },
    ];
    assert.deepEqual(collectTurns(items, turns, 5), ['D1:2', 'D2:1']);
  });
});

describe('evidenceRecall and ndcg', () => {
  it('recall is the share of evidence turns within the budget', () => {
    const collected = ['D1:1', 'D2:1', 'D1:2', 'D2:2'];
    assert.equal(evidenceRecall(collected, ['D1:2', 'D2:2'], 2), 0);
    assert.equal(evidenceRecall(collected, ['D1:2', 'D2:2'], 3), 0.5);
    assert.equal(evidenceRecall(collected, ['D1:2', 'D2:2'], 10), 1);
    assert.equal(evidenceRecall(collected, [], 10), 0);
  });

  it('ndcg uses binary gains over the collected list', () => {
    const expected = (1 / Math.log2(3) + 1 / Math.log2(5)) / (1 + 1 / Math.log2(3));
    assert.ok(Math.abs(ndcg(['x', 'a', 'y', 'b'], ['a', 'b'], 10) - expected) < 1e-12);
    assert.equal(ndcg(['a', 'b'], ['b', 'a'], 10), 1);
    assert.equal(ndcg(['x', 'y', 'a'], ['a'], 2), 0);
    assert.equal(ndcg([], ['a'], 10), 0);
  });

  it('an ideal list with more evidence than the cut-off still scores 1', () => {
    const evidence = Array.from({ length: 12 }, (_, index) => `t${index}`);
    assert.equal(ndcg(evidence, evidence, 10), 1);
  });
});

describe('answerRecall', () => {
  const texts = (...values: string[]): RankedItem[] => values.map((text) => ({ text, sourceEvidence: [] }));

  it('compares content tokens, ignoring case, punctuation and stop words', () => {
    assert.equal(answerRecall(texts('Ben hiked in the ALPS.'), 'the Alps; tomatoes', 512), 0.5);
    assert.equal(
      answerRecall(texts('Ana paints sunsets', 'Ben grows tomatoes'), 'the Alps; tomatoes', 512),
      0.5,
    );
    assert.equal(answerRecall(texts('It was in May, 2023 (I think).'), '7 May 2023', 512), 2 / 3);
  });

  it('reads only the first budget whitespace tokens, in rank order', () => {
    const items = texts('one two three', 'four violin');
    assert.equal(answerRecall(items, 'violin', 4), 0);
    assert.equal(answerRecall(items, 'violin', 5), 1);
    assert.equal(answerRecall(items, 'three', 3), 1);
  });

  it('is null when the answer has no content token', () => {
    assert.equal(answerRecall(texts('no'), 'No', 512), null);
    assert.equal(answerRecall(texts(''), '', 512), null);
  });
});

describe('scoreQuestion and aggregateScores', () => {
  it('scores a question at every budget', () => {
    const question = sample!.questions[2]!; // evidence D1:2 and D2:2, multi-hop
    // D2:3 repeats D1:3's line, so it maps to D1:3 and spends no budget.
    const items = [item('D1:1', 'D1:3', 'D2:3', 'D2:1'), item('D1:2', 'D2:2')];
    const score = scoreQuestion(items, question, turns);
    assert.equal(score.recallAt5, 1);
    assert.equal(score.recallAt10, 1);
    assert.equal(score.recallAt20, 1);
    const expected = (1 / Math.log2(5) + 1 / Math.log2(6)) / (1 + 1 / Math.log2(3));
    assert.ok(Math.abs(score.ndcgAt10 - expected) < 1e-12);
    assert.equal(score.answerRecall, 0);
    assert.equal(scoreQuestion([], question, turns).recallAt20, 0);
  });

  it('pools categories 1-4 by question and keeps 5 apart', () => {
    const score = (value: number, answer: number | null = value): QuestionScore => ({
      recallAt5: value,
      recallAt10: value,
      recallAt20: value,
      ndcgAt10: value,
      answerRecall: answer,
    });
    const rows = aggregateScores([
      { category: 1, score: score(1) },
      { category: 4, score: score(0, null) },
      { category: 4, score: score(0.5) },
      { category: 5, score: score(0.25) },
    ]);
    const byLabel = Object.fromEntries(rows.map((row) => [row.label, row]));
    assert.deepEqual(
      rows.map((row) => row.label),
      ['1', '2', '3', '4', '1-4', '5'],
    );
    assert.equal(byLabel['1-4']!.recallAt10, 0.5);
    assert.equal(byLabel['1-4']!.n, 3);
    assert.equal(byLabel['1-4']!.answerRecall, 0.75);
    assert.equal(byLabel['1-4']!.answerRecallN, 2);
    assert.equal(byLabel['4']!.recallAt10, 0.25);
    assert.equal(byLabel['2']!.n, 0);
    assert.equal(byLabel['5']!.recallAt10, 0.25);
  });
});
