import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoredMemory } from '../../src/index.js';
import {
  analyzeQuery,
  asksForList,
  decomposeQuery,
  diversify,
  feedbackTerms,
  fuseScores,
  PRIOR_FACTORS,
  type PriorContext,
  parseTimeConstraints,
  planScopeKeys,
  preferNarrowerScope,
  priorFactor,
  queryTerms,
  type RankedCandidate,
  relevanceOf,
  selectedListKeys,
  sessionPriorScores,
  stemTerm,
  timeMatches,
  toMemoryItem,
} from '../../src/retrieval/index.js';
import {
  storedMemoryOf as memory,
  NOW,
  ownerOf,
  targetOf,
} from '../../test-support/retrieval/retrieval-fixtures.js';

const context = (overrides: Partial<PriorContext> = {}): PriorContext => ({
  now: NOW.getTime(),
  asksWhen: false,
  asksForList: false,
  times: [],
  names: new Set(),
  entityIds: new Set(),
  ...overrides,
});

describe('query analysis', () => {
  it('drops stop words and possessives, keeps months and numbers', () => {
    assert.deepEqual(queryTerms("When did Caroline's dog go to the park in May 2023?"), [
      'caroline',
      'dog',
      'go',
      'park',
      'may',
      '2023',
    ]);
    assert.equal(stemTerm('painting'), stemTerm('painted'));
    assert.equal(stemTerm('making'), stemTerm('make'));
    assert.equal(stemTerm('stories'), stemTerm('story'));
  });

  it('finds names, "when" questions and entity n-grams', () => {
    const analysis = analyzeQuery('When did Caroline join the support group in Boston?', NOW);
    assert.equal(analysis.asksWhen, true);
    assert.deepEqual(analysis.names, ['caroline', 'boston']);
    assert.ok(analysis.entityNames.includes('support group'));
    assert.equal(analyzeQuery('What does Mel like?', NOW).asksWhen, false);
    assert.equal(analyzeQuery('In what year did Mel move?', NOW).asksWhen, true);
  });

  it('tells questions asking for a list or a count from single asks', () => {
    for (const question of [
      'What activities does Melanie partake in?',
      'Which classical musicians does Melanie enjoy listening to?',
      'What musical artists/bands has Melanie seen?',
      'What kinds of books does Caroline read?',
      'How many times has Melanie gone to the beach in 2023?',
      'What has Melanie painted?',
      'What pets does Melanie have?',
    ]) {
      assert.equal(asksForList(question), true, question);
    }
    for (const question of [
      'When did Caroline go to the LGBTQ support group?',
      "What is Caroline's identity?",
      'What kind of pot did Mel make?',
      'How many weeks passed between the two adoptions?',
      'What does Melanie do to destress?',
      'What was his favourite book as a child?',
    ]) {
      assert.equal(asksForList(question), false, question);
    }
    assert.equal(analyzeQuery('What pets does Mel have?', NOW).asksForList, true);
  });

  it('resolves absolute, relative, seasonal and year-only times', () => {
    const may = parseTimeConstraints('What did she do in May 2023?', NOW);
    assert.equal(may.length, 1);
    assert.ok(may[0] && timeMatches(may[0], Date.parse('2023-05-20T00:00:00Z')));
    assert.ok(may[0] && !timeMatches(may[0], Date.parse('2023-06-02T00:00:00Z')));
    const summer = parseTimeConstraints('Where did they travel last summer?', NOW);
    assert.ok(summer[0] && timeMatches(summer[0], Date.parse('2025-07-15T00:00:00Z')));
    assert.ok(summer[0] && !timeMatches(summer[0], Date.parse('2024-07-15T00:00:00Z')));
    const year = parseTimeConstraints('What did he paint in 2022?', NOW);
    assert.ok(year[0] && timeMatches(year[0], Date.parse('2022-11-01T00:00:00Z')));
    const summerOf = parseTimeConstraints('the summer of 2022', NOW);
    assert.equal(summerOf.length, 1);
    const anyJune = parseTimeConstraints('What happened in June?', NOW);
    assert.ok(anyJune[0] && timeMatches(anyJune[0], Date.parse('2019-06-03T00:00:00Z')));
    assert.deepEqual(parseTimeConstraints('What does Melanie like to paint?', NOW), []);
  });

  it('decomposes compound questions and carries names into pronoun clauses', () => {
    assert.deepEqual(decomposeQuery('When did Caroline move to Denver and what job did she take there?'), [
      'When did Caroline move to Denver',
      'what job did she take there Caroline Denver',
    ]);
    assert.deepEqual(decomposeQuery('What did Caroline research?'), []);
    assert.deepEqual(decomposeQuery('Who did Jon meet between March and May?'), []);
  });
});

describe('fusion and priors', () => {
  it('weighted score fusion rewards agreement and keeps margins', () => {
    const fused = fuseScores([
      {
        name: 'text',
        weight: 0.6,
        normalization: 'max',
        hits: [
          { memoryId: 'a', score: 10 },
          { memoryId: 'b', score: 9 },
        ],
      },
      {
        name: 'vector',
        weight: 0.4,
        normalization: 'min-max',
        hits: [
          { memoryId: 'b', score: 0.9 },
          { memoryId: 'c', score: 0.8 },
          { memoryId: 'a', score: 0.3 },
          { memoryId: 'd', score: 0.2 },
        ],
      },
    ]);
    assert.deepEqual(
      fused.map((entry) => entry.memoryId),
      ['b', 'a', 'c'],
    );
    assert.ok(Math.abs((fused[0]?.score ?? 0) - (0.6 * 0.9 + 0.4)) < 1e-9);
    assert.ok(fused.every((entry) => entry.score > 0 && entry.score <= 1));
  });

  it('outdated memories lose to current ones; dates, times and names boost', () => {
    const base = priorFactor(memory(), [], context());
    assert.ok(priorFactor(memory({ supersededBy: 'm2' }), [], context()) < base * 0.5);
    assert.ok(priorFactor(memory({ validUntil: '2025-01-01T00:00:00Z' }), [], context()) < base * 0.5);
    assert.equal(priorFactor(memory({ validUntil: '2027-01-01T00:00:00Z' }), [], context()), base);
    const dated = memory({ eventDate: '2025-05-03T00:00:00.000Z' });
    assert.ok(
      Math.abs(priorFactor(dated, [], context({ asksWhen: true })) / base - PRIOR_FACTORS.whenExplicitDate) <
        1e-9,
    );
    const times = parseTimeConstraints('in May 2025', NOW);
    assert.ok(priorFactor(dated, [], context({ times })) > priorFactor(memory(), [], context({ times })));
    assert.ok(priorFactor(memory(), [], context({ names: new Set(['dana']) })) > base);
    const link = [{ entityId: 'e1', canonicalName: 'Dana Smith', type: 'person' as const }];
    assert.ok(priorFactor(memory({ subject: 'Eli' }), link, context({ entityIds: new Set(['e1']) })) > base);
  });

  it('the session prior favours documents with several matches', () => {
    const scores = sessionPriorScores([
      { memoryId: 'a', documentId: 'd1', score: 0.5 },
      { memoryId: 'b', documentId: 'd1', score: 0.5 },
      { memoryId: 'c', documentId: 'd2', score: 0.6 },
    ]);
    assert.ok((scores.get('a') ?? 0) > (scores.get('c') ?? 0));
  });

  it('the session prior lifts a weak match of the strongest session above a stray match', () => {
    const options = { weight: 0.5, topPerDocument: 3, power: 2, listWeight: 0 };
    const scores = sessionPriorScores(
      [
        { memoryId: 'best', documentId: 'd1', score: 1 },
        { memoryId: 'second', documentId: 'd1', score: 0.8 },
        { memoryId: 'weak', documentId: 'd1', score: 0.2 },
        { memoryId: 'stray', documentId: 'd2', score: 0.4 },
      ],
      options,
    );
    assert.ok((scores.get('weak') ?? 0) > (scores.get('stray') ?? 0));
    // The best memory of the strongest document keeps its score: relevance stays on one scale.
    assert.ok(Math.abs((scores.get('best') ?? 0) - 1) < 1e-12);
    assert.deepEqual(sessionPriorScores([], options), new Map());
  });

  it('the session prior keeps the order of one-memory documents and is off at weight 0', () => {
    const scored = [0.9, 0.5, 0.7, 0.1].map((score, index) => ({
      memoryId: `m${index}`,
      documentId: `d${index}`,
      score,
    }));
    const lifted = sessionPriorScores(scored);
    const order = (scores: Map<string, number>) =>
      [...scores].sort((left, right) => right[1] - left[1]).map(([memoryId]) => memoryId);
    assert.deepEqual(order(lifted), ['m0', 'm2', 'm1', 'm3']);
    const off = sessionPriorScores(scored, { weight: 0, topPerDocument: 3, power: 2, listWeight: 0 });
    assert.deepEqual([...off.values()], [0.9, 0.5, 0.7, 0.1]);
  });

  it('the session prior is off for a question asking for a list', () => {
    const scored = [
      { memoryId: 'best', documentId: 'd1', score: 1 },
      { memoryId: 'weak', documentId: 'd1', score: 0.3 },
      { memoryId: 'other', documentId: 'd2', score: 0.4 },
    ];
    assert.ok((sessionPriorScores(scored).get('weak') ?? 0) > 0.4);
    const forList = sessionPriorScores(scored, undefined, true);
    assert.deepEqual([...forList.values()], [1, 0.3, 0.4]);
  });

  it('relevance is monotone and within 0..1', () => {
    const scores = [0, 0.01, 0.3, 1, 2.5, 40].map(relevanceOf);
    assert.deepEqual(
      scores,
      [...scores].sort((left, right) => left - right),
    );
    assert.ok(scores.every((score) => score >= 0 && score <= 1));
    assert.equal(relevanceOf(Number.NaN), 0);
  });
});

describe('re-ranking and shaping', () => {
  const candidate = (id: string, score: number, overrides: Partial<StoredMemory> = {}): RankedCandidate => ({
    memory: memory({ memoryId: id, ...overrides }),
    links: [],
    score,
  });

  it('feedback terms come from the best matches, rare in the pool, never the query words', () => {
    const said = (id: string, score: number, content: string) =>
      candidate(id, score, { content, sourceEvidence: [] });
    const ranked = [
      said('a', 1, 'Ravi loves hobbies like philately and stamps'),
      said('b', 0.9, 'Ravi showed his stamps album to friends'),
      said('c', 0.5, 'Ravi went to the office with friends'),
      said('d', 0.4, 'Ravi cooked dinner with friends'),
    ];
    const options = { documents: 2, terms: 3, weight: 0.8 };
    const terms = feedbackTerms(ranked, ['ravi', 'hobbies'], options);
    assert.equal(terms.length, 3);
    assert.equal(terms[0], 'stamps', 'in both best matches, nowhere else');
    assert.ok(terms.includes('philately') || terms.includes('album'));
    for (const word of ['ravi', 'hobbies', 'friends', 'office', 'cooked'])
      assert.ok(!terms.includes(word), `${word} is a query word, common, or not in the best matches`);
    assert.deepEqual(feedbackTerms(ranked, ['ravi'], { ...options, documents: 0 }), []);
    assert.deepEqual(feedbackTerms([], ['ravi'], options), []);
  });

  it('diversity pushes a second memory of the same turn below a new turn', () => {
    const chosen = diversify(
      [
        candidate('a', 1, { content: 'Dana adopted a beagle' }),
        candidate('b', 0.9, { content: 'Dana was happy about the beagle' }),
        candidate('c', 0.8, { content: 'Eli moved to Lisbon', sourceEvidence: ['Eli: I moved to Lisbon'] }),
      ],
      3,
    );
    assert.deepEqual(
      chosen.map((entry) => entry.memory.memoryId),
      ['a', 'c', 'b'],
    );
    const scores = chosen.map((entry) => entry.score);
    assert.deepEqual(
      scores,
      [...scores].sort((left, right) => right - left),
    );
  });

  it('keeps the narrower scope of cross-scope duplicates with the best score', () => {
    const plan = planScopeKeys(targetOf('user', { userId: 'u1', customerId: 'u1' }));
    const kept = preferNarrowerScope(
      [
        candidate('client', 0.9, { content: 'Refunds take 5 days.', owner: ownerOf('client') }),
        candidate('user', 0.4, { content: 'refunds take 5 days' }),
        candidate('other', 0.3, { content: 'Something else' }),
      ],
      plan,
    );
    assert.deepEqual(
      kept.map((entry) => [entry.memory.memoryId, entry.score]),
      [
        ['user', 0.9],
        ['other', 0.3],
      ],
    );
  });

  it('types aliases select lists', () => {
    assert.deepEqual([...selectedListKeys(['temporal'])], ['temporal_events']);
    assert.deepEqual([...selectedListKeys(['temporal_events', 'fact'])], ['temporal_events', 'facts']);
    assert.equal(selectedListKeys(['all']).size, 5);
    assert.equal(selectedListKeys([]).size, 5);
  });

  it('items never carry null for required strings and fill type fallbacks', () => {
    const emotion = toMemoryItem(memory({ type: 'emotion' }), 0.5, []);
    assert.equal(emotion.emotion_type, '');
    assert.equal(emotion.context, 'Dana adopted a beagle');
    assert.equal(emotion.intensity, 0.8);
    const preference = toMemoryItem(memory({ type: 'preference' }), 0.5, []);
    assert.equal(preference.category, '');
    assert.equal(preference.strength, 0.8);
    const undated = toMemoryItem(memory({ type: 'temporal_event' }), 0.5, []);
    assert.equal(undated.memory_type, 'fact');
    assert.equal('event_date' in undated, false);
    const episode = toMemoryItem(memory({ type: 'episode', eventDate: '2025-05-03T00:00:00.000Z' }), 2, []);
    assert.equal(episode.relevance_score, 1);
    assert.equal(episode.occurred_at, '2025-05-03T00:00:00.000Z');
    assert.equal(episode.summary, 'Dana adopted a beagle');
    for (const item of [emotion, preference, undated, episode]) {
      for (const value of Object.values(item)) assert.notEqual(value, null);
      assert.equal(item.source, 'doc-1');
    }
  });
});
