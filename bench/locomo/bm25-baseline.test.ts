import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { porterStem } from '@engram/store-sqlite';
import { Bm25Index, TurnBm25Baseline } from './bm25-baseline.js';
import { evaluateBm25 } from './bm25-evaluation.js';
import { parseLocomo } from './locomo-dataset.js';
import { syntheticLocomoJson } from './synthetic-locomo-fixture.js';
import { indexTerms } from './text-tokens.js';

describe('porterStem', () => {
  it('strips suffixes as the Porter algorithm does', () => {
    const cases: [string, string][] = [
      ['caresses', 'caress'],
      ['ponies', 'poni'],
      ['cats', 'cat'],
      ['agreed', 'agre'],
      ['hopping', 'hop'],
      ['filing', 'file'],
      ['happy', 'happi'],
      ['relational', 'relat'],
      ['adoption', 'adopt'],
      ['adopted', 'adopt'],
      ['painting', 'paint'],
      ['generalization', 'gener'],
      ['hopefulness', 'hope'],
      ['controlling', 'control'],
      ['sky', 'sky'],
      ['is', 'is'],
    ];
    for (const [word, stem] of cases) assert.equal(porterStem(word), stem, word);
  });
});

describe('indexTerms', () => {
  it('drops stop words and punctuation, stems the rest, keeps month names', () => {
    assert.deepEqual(indexTerms("When did Caroline's painting sell? In May!"), [
      'carolin',
      'paint',
      'sell',
      'mai',
    ]);
  });
});

describe('Bm25Index', () => {
  const index = new Bm25Index([
    'the cat sat on the mat',
    'dogs chase cats in the park',
    'a quiet afternoon reading a long novel about gardens and cats and weather and travel',
    'nothing relevant here',
  ]);

  it('ranks documents sharing more and rarer query terms first, leaving non-matching ones out', () => {
    const hits = index.search('dog chasing cats', 10);
    assert.equal(hits[0]!.document, 1);
    assert.deepEqual(hits.map((hit) => hit.document).sort(), [0, 1, 2]);
    assert.ok(hits.every((hit, position) => position === 0 || hits[position - 1]!.score >= hit.score));
  });

  it('prefers the shorter of two documents with the same term frequency', () => {
    const hits = index.search('cats', 10);
    assert.deepEqual(
      hits.map((hit) => hit.document),
      [0, 1, 2],
    );
  });

  it('honours the limit and answers nothing for unknown or stop-word-only queries', () => {
    assert.equal(index.search('cats', 1).length, 1);
    assert.deepEqual(index.search('zebra', 10), []);
    assert.deepEqual(index.search('the and of', 10), []);
  });
});

describe('TurnBm25Baseline', () => {
  const samples = parseLocomo(syntheticLocomoJson());

  it('returns turns as items citing their own ingestion line', () => {
    const items = new TurnBm25Baseline(samples[0]!).rank('Who grows tomatoes in the garden?');
    assert.deepEqual(items[0], {
      text: 'Ben: So cute! Here is my garden. [shares a photo: a photo of tomatoes growing in a garden]',
      sourceEvidence: [
        'Ben: So cute! Here is my garden. [shares a photo: a photo of tomatoes growing in a garden]',
      ],
    });
  });

  it('scores every scorable question of the synthetic set', () => {
    const { scored, rows } = evaluateBm25(samples);
    // Question 4 of syn-1 has no evidence and is left out.
    assert.equal(scored.length, 5);
    const pooled = rows.find((row) => row.label === '1-4')!;
    assert.equal(pooled.n, 4);
    assert.equal(rows.find((row) => row.label === '5')!.n, 1);
    // One session per topic, so the lexical overlap finds every single-hop answer.
    assert.equal(rows.find((row) => row.label === '4')!.recallAt5, 1);
  });
});
