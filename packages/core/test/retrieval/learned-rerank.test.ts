import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EmbeddingModel, StoredMemory } from '../../src/index.js';
import {
  analyzeQuery,
  type LinearRerankModel,
  type RankedCandidate,
  RERANK_FEATURES,
  type RerankFeature,
  type RerankInput,
  relevanceOf,
  rerankByLearnedModel,
  rerankFeatureRows,
  SoftTermMatcher,
  stemTerm,
  type WordVectors,
  wordVectorsOf,
} from '../../src/retrieval/index.js';
import { NOW, storedMemoryOf } from '../../test-support/retrieval/retrieval-fixtures.js';

/** Unit vectors on named axes: words on one axis are synonyms, on different axes unrelated. */
const AXES: Record<string, number[]> = {
  genre: [1, 0, 0],
  drama: [0.8, 0.6, 0],
  romance: [0.6, 0.8, 0],
  stamps: [0, 0, 1],
  hiking: [-1, 0, 0],
};
const vectorsOf: WordVectors = (word) => {
  const axes = AXES[word];
  return axes === undefined ? undefined : Float32Array.from(axes);
};

const candidate = (
  memoryId: string,
  score: number,
  overrides: Partial<StoredMemory> = {},
): RankedCandidate => ({
  memory: storedMemoryOf({ memoryId, ...overrides }),
  links: [],
  score,
});

function inputOf(question: string, candidates: RankedCandidate[], wordVectors = vectorsOf): RerankInput {
  return {
    candidates,
    queries: [{ analysis: analyzeQuery(question, NOW), fused: [], entities: [] }],
    queryEntityIds: new Set(),
    wordVectors,
    now: NOW.getTime(),
  };
}

const feature = (row: Float64Array | undefined, name: RerankFeature) =>
  row?.[RERANK_FEATURES.indexOf(name)] ?? Number.NaN;

/** A model that looks at one feature only. */
function modelOn(name: RerankFeature, weight = 4): LinearRerankModel {
  const weights = Object.fromEntries(RERANK_FEATURES.map((each) => [each, 0])) as Record<
    RerankFeature,
    number
  >;
  weights[name] = weight;
  return { weights, bias: -2 };
}

describe('SoftTermMatcher', () => {
  const words = (...list: string[]) => new Map(list.map((word) => [stemTerm(word), word]));
  const query = (word: string, weight = 1) => ({ word, key: stemTerm(word), weight });

  it('counts an exact key match as 1 and a related word by its cosine, clamped at 0', () => {
    const matcher = new SoftTermMatcher([query('genre')], vectorsOf);
    assert.equal(matcher.coverage(words('genre')), 1);
    assert.ok(Math.abs(matcher.coverage(words('drama', 'stamps')) - 0.8) < 1e-6);
    assert.equal(matcher.coverage(words('hiking')), 0, 'a negative cosine adds nothing');
    assert.equal(matcher.coverage(words('unknown')), 0);
  });

  it('weighs query words by their weights, and is exact coverage without word vectors', () => {
    const queryWords = [query('genre', 3), query('stamps', 1)];
    const soft = new SoftTermMatcher(queryWords, vectorsOf);
    assert.ok(Math.abs(soft.coverage(words('romance', 'stamps')) - (3 * 0.6 + 1) / 4) < 1e-6);
    const exact = new SoftTermMatcher(queryWords, undefined);
    assert.equal(exact.coverage(words('romance', 'stamps')), 0.25);
    assert.equal(exact.coverage(words('genres')), 0.75, 'keys are stems: "genres" matches "genre"');
    assert.equal(new SoftTermMatcher([], vectorsOf).coverage(words('genre')), 0);
  });
});

describe('wordVectorsOf', () => {
  const model = (wordVector?: (word: string) => Float32Array): EmbeddingModel => ({
    provider: 'test',
    modelId: 'axes',
    dimensions: 3,
    maxBatchSize: 8,
    doEmbed: async ({ values }) => ({ embeddings: values.map(() => new Float32Array(3)) }),
    ...(wordVector === undefined ? {} : { wordVector }),
  });

  it('is undefined for a model without word vectors', () => {
    assert.equal(wordVectorsOf(model()), undefined);
  });

  it('asks the model once per word and maps a zero vector to undefined', () => {
    const asked: string[] = [];
    const lookup = wordVectorsOf(
      model((word) => {
        asked.push(word);
        return vectorsOf(word) ?? new Float32Array(3);
      }),
    );
    assert.deepEqual(Array.from(lookup?.('genre') ?? []), [1, 0, 0]);
    assert.equal(lookup?.('zzqx'), undefined);
    lookup?.('genre');
    lookup?.('zzqx');
    assert.deepEqual(asked, ['genre', 'zzqx']);
  });
});

describe('rerankFeatureRows', () => {
  it('describes each candidate against the query', () => {
    const rows = rerankFeatureRows(
      inputOf('When did Dana watch a drama?', [
        candidate('a', 2, {
          content: 'Dana watched a romance film',
          eventDate: '2025-05-30T00:00:00.000Z',
          sourceEvidence: ['Dana: We watched a romance film on Friday'],
          type: 'episode',
          mentionCount: 3,
        }),
        candidate('b', 1, {
          content: 'Sam collects stamps',
          subject: 'Sam',
          sourceEvidence: ['Sam: I collect stamps', 'Sam: old ones mostly'],
          sourceDocumentId: 'doc-2',
        }),
      ]),
    )[0];
    const [first, second] = rows ?? [];
    assert.equal(feature(first, 'score'), 1);
    assert.equal(feature(second, 'score'), 0.5);
    assert.equal(feature(first, 'logRank'), 0);
    assert.equal(feature(second, 'logRank'), Math.log(2));
    assert.equal(feature(first, 'whenDated'), 1);
    assert.equal(feature(second, 'dated'), 0);
    assert.equal(feature(first, 'subjectNamed'), 1);
    assert.equal(feature(second, 'subjectNamed'), 0);
    assert.equal(feature(first, 'speakerNamed'), 1);
    assert.equal(feature(second, 'speakerNamed'), 0);
    assert.equal(feature(first, 'typeEpisode'), 1);
    assert.equal(feature(second, 'typeFact'), 1);
    assert.equal(feature(second, 'evidenceLines'), 2);
    assert.equal(feature(first, 'logMentions'), Math.log(3));
    assert.equal(feature(first, 'session'), 1);
    assert.equal(feature(second, 'session'), 0.5);
    assert.equal(feature(first, 'found'), 0, 'no fused hits given');
    assert.ok(feature(first, 'softCoverage') > feature(first, 'coverage'), 'romance ~ drama');
    assert.ok(feature(first, 'softCoverage') > feature(second, 'softCoverage'));
  });
});

describe('rerankFeatureRows speakers', () => {
  it('reads the speaker of a cited line as ingestion does, clock prefix and all', () => {
    const rows =
      rerankFeatureRows(
        inputOf('What did Sam say about the launch?', [
          candidate('timed', 1, {
            content: 'The launch slipped',
            sourceEvidence: ['[10:32] Sam: the launch slipped'],
          }),
          candidate('prose', 1, { content: 'Sam was late', sourceEvidence: ['Note: Sam was late'] }),
        ]),
      )[0] ?? [];
    assert.deepEqual(
      rows.map((row) => feature(row, 'speakerNamed')),
      [1, 0],
    );
  });
});

describe('rerankFeatureRows answer types', () => {
  const place = { entityId: 'e-porto', canonicalName: 'Porto', type: 'place' as const };
  const dana = { entityId: 'e-dana', canonicalName: 'Dana', type: 'person' as const };
  const sam = { entityId: 'e-sam', canonicalName: 'Sam', type: 'person' as const };
  const rowsFor = (question: string, candidates: RankedCandidate[]) =>
    rerankFeatureRows(inputOf(question, candidates))[0] ?? [];

  it('marks a place for "where", an unnamed person for "who" and a number for "how many"', () => {
    const withPlace = { ...candidate('porto', 1, { content: 'Dana moved to Porto' }), links: [place, dana] };
    const withPerson = { ...candidate('sam', 1, { content: 'Dana met Sam at work' }), links: [dana, sam] };
    const onlyDana = { ...candidate('dana', 1, { content: 'Dana has two beagles' }), links: [dana] };
    const where = rowsFor('Where did Dana move?', [withPlace, onlyDana]);
    assert.deepEqual(
      where.map((row) => feature(row, 'whereHasPlace')),
      [1, 0],
    );
    const who = rowsFor('Who did Dana meet?', [withPerson, onlyDana]);
    assert.deepEqual(
      who.map((row) => feature(row, 'whoHasPerson')),
      [1, 0],
      'Dana is named by the question, so only Sam counts',
    );
    const howMany = rowsFor('How many dogs does Dana have?', [onlyDana, withPlace]);
    assert.deepEqual(
      howMany.map((row) => feature(row, 'quantityHasNumber')),
      [1, 0],
    );
    assert.ok(
      where.every((row) => feature(row, 'whoHasPerson') === 0 && feature(row, 'quantityHasNumber') === 0),
      'other answer types stay 0',
    );
  });
});

describe('rerankByLearnedModel', () => {
  it('orders by the model and hands the pool its own scores in the new order', () => {
    const candidates = [
      candidate('stamps', 3, { content: 'Sam collects stamps' }),
      candidate('hiking', 2, { content: 'Sam went hiking' }),
      candidate('drama', 1, { content: 'It is a mix of drama and romance' }),
    ];
    const reranked = rerankByLearnedModel(
      inputOf('What genre is the screenplay?', candidates),
      modelOn('softCoverage'),
    );
    assert.deepEqual(
      reranked.map((each) => each.memory.memoryId),
      ['drama', 'stamps', 'hiking'],
      'soft coverage: drama first; the others tie at 0 and keep their order',
    );
    assert.deepEqual(
      reranked.map((each) => each.score),
      [3, 2, 1],
      'relevance stays on the scale fast reports',
    );
  });

  it('falls back to exact coverage without word vectors (a remote embedding model)', () => {
    const candidates = [
      candidate('stamps', 3, { content: 'Sam collects stamps' }),
      candidate('drama', 1, { content: 'The genre is a mix of drama and romance' }),
    ];
    const rows = rerankFeatureRows(inputOf('What genre is it?', candidates, () => undefined))[0] ?? [];
    assert.deepEqual(
      rows.map((row) => feature(row, 'softCoverage')),
      rows.map((row) => feature(row, 'coverage')),
    );
    assert.equal(feature(rows[1], 'softCoverage'), 1);
    assert.ok(Number.isFinite(rerankByLearnedModel(inputOf('What genre is it?', candidates))[0]?.score));
  });

  it('takes each candidate’s best query', () => {
    const candidates = [
      candidate('stamps', 1, { content: 'Sam collects stamps' }),
      candidate('drama', 1, { content: 'It is a mix of drama and romance' }),
    ];
    const input = inputOf('Which genre?', candidates);
    const twoQueries: RerankInput = {
      ...input,
      queries: [...input.queries, { analysis: analyzeQuery('stamps', NOW), fused: [], entities: [] }],
    };
    const reranked = rerankByLearnedModel(twoQueries, modelOn('softCoverage'));
    // "stamps" covers its own query fully (1) and beats drama's 0.8 on the first.
    assert.equal(reranked[0]?.memory.memoryId, 'stamps');
    assert.ok(relevanceOf(reranked[1]?.score ?? 0) > 0.5);
  });
});
