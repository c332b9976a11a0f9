// Ranking parity: the same LoCoMo ingestion, applied to a SQLite store and a
// PostgreSQL store, gives the same `fast` top-10 memory ids on both, and the
// same text and vector hits. The ingestion pipeline runs once, reading the
// SQLite store; every write it makes goes to both stores (a tee over the two
// real stores), so both hold identical rows, ids included, and any
// difference in the results is a difference in how the stores rank.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  type EmbeddingModel,
  type EngramStore,
  ingestDocument,
  MemoryRetrievalPipeline,
  type MemoryStore,
  parseDocument,
  RuleBasedExtractor,
  systemClock,
} from '@engram/core';
import { queryTerms } from '@engram/core/retrieval';
import { createGloveEmbedder } from '@engram/embedder-glove';
import { baseFetchRequestSchema } from '@engram/protocol';
import { SqliteEngramStore } from '@engram/store-sqlite';
import {
  buildIngestionDocuments,
  DEFAULT_LOCOMO_PATH,
  type LocomoSample,
  loadLocomo,
} from '../../../bench/locomo/locomo-dataset.js';
import {
  EVALUATION_INSTANCE,
  fetchTargetOf,
  userScopeKey,
} from '../../../bench/retrieval/evaluation-samples.js';
import { PostgresEngramStore } from '../src/index.js';
import { sharedPostgresCluster } from './support/postgres-cluster.js';

const SAMPLES = 2;
const QUESTIONS_PER_SAMPLE = 40;
const datasetMissing = existsSync(DEFAULT_LOCOMO_PATH) ? false : `LoCoMo not found at ${DEFAULT_LOCOMO_PATH}`;

/** A memory store whose writes go to both stores and whose reads come from the first. */
function teeMemories(reading: EngramStore, mirror: EngramStore): MemoryStore {
  return new Proxy(reading.memories, {
    get(target, property, receiver) {
      if (property === 'applyIngestion') {
        return async (changes: Parameters<MemoryStore['applyIngestion']>[0]) => {
          await target.applyIngestion(changes);
          await mirror.memories.applyIngestion(changes);
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('ranking parity between SQLite and PostgreSQL', { skip: datasetMissing }, () => {
  const directory = mkdtempSync(join(tmpdir(), 'engram-parity-'));
  let sqlite: SqliteEngramStore;
  let postgres: PostgresEngramStore;
  let embedder: EmbeddingModel;
  let samples: LocomoSample[];

  before(async () => {
    sqlite = SqliteEngramStore.open(join(directory, 'engram.db'));
    postgres = await PostgresEngramStore.open(await (await sharedPostgresCluster()).createDatabase());
    embedder = await createGloveEmbedder({ cacheDir: join(tmpdir(), 'engram-test-models') });
    samples = (await loadLocomo(DEFAULT_LOCOMO_PATH)).slice(0, SAMPLES);
    const memories = teeMemories(sqlite, postgres);
    const extractor = new RuleBasedExtractor();
    for (const sample of samples) {
      for (const document of buildIngestionDocuments(sample)) {
        await ingestDocument(
          `ing-${sample.sampleId}-${document.documentId}`,
          {
            documentId: document.documentId,
            text: document.text,
            documentType: 'ai-chat-conversation',
            documentCreatedAt: document.createdAt,
            mode: 'long-range',
            metadata: {},
            owner: {
              instanceId: EVALUATION_INSTANCE,
              scope: 'user',
              customerId: sample.sampleId,
              userId: sample.sampleId,
              scopeKey: userScopeKey(sample.sampleId),
            },
          },
          {
            memories,
            graph: sqlite.graph,
            parse: parseDocument,
            extractor,
            embedder: async () => embedder,
            clock: systemClock,
          },
        );
      }
    }
  });
  after(async () => {
    await sqlite?.close();
    await postgres?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const questionsOf = (sample: LocomoSample) => sample.questions.slice(0, QUESTIONS_PER_SAMPLE);

  it('holds the same memories in both stores', async () => {
    for (const sample of samples) {
      const scope = [userScopeKey(sample.sampleId)];
      const count = await sqlite.memories.countMemories(scope);
      assert.ok(count > 100, `sample ${sample.sampleId} has ${count} memories`);
      assert.equal(await postgres.memories.countMemories(scope), count);
    }
  });

  it('gives the same text hits, scores equal to 1e-9', async () => {
    let compared = 0;
    for (const sample of samples) {
      const scope = [userScopeKey(sample.sampleId)];
      for (const question of questionsOf(sample)) {
        const terms = queryTerms(question.question);
        const expected = await sqlite.text.search(scope, terms, 40);
        const actual = await postgres.text.search(scope, terms, 40);
        assert.deepEqual(
          actual.map((hit) => hit.memoryId),
          expected.map((hit) => hit.memoryId),
          question.question,
        );
        for (const [index, hit] of actual.entries()) {
          assert.ok(Math.abs(hit.score - (expected[index]?.score ?? 0)) < 1e-9, question.question);
        }
        compared += expected.length;
      }
    }
    assert.ok(compared > 0);
  });

  it('gives the same vector hits', async () => {
    for (const sample of samples) {
      const scope = [userScopeKey(sample.sampleId)];
      for (const question of questionsOf(sample).slice(0, 10)) {
        const {
          embeddings: [vector],
        } = await embedder.doEmbed({ values: [question.question] });
        const expected = await sqlite.vectors.nearest(scope, vector as Float32Array, 20);
        const actual = await postgres.vectors.nearest(scope, vector as Float32Array, 20);
        assert.deepEqual(
          actual.map((hit) => hit.memoryId),
          expected.map((hit) => hit.memoryId),
        );
      }
    }
  });

  it('gives the same fast top-10 memory ids for every question', async () => {
    const pipelineOf = (store: EngramStore) =>
      new MemoryRetrievalPipeline({
        memories: store.memories,
        vectors: store.vectors,
        text: store.text,
        graph: store.graph,
        embedder: async () => embedder,
        clock: systemClock,
      });
    const onSqlite = pipelineOf(sqlite);
    const onPostgres = pipelineOf(postgres);
    let questions = 0;
    for (const sample of samples) {
      for (const question of questionsOf(sample)) {
        const request = baseFetchRequestSchema.parse({
          search_query: [question.question],
          max_results: 10,
          mode: 'fast',
        });
        const idsOf = async (pipeline: MemoryRetrievalPipeline) =>
          Object.values(await pipeline.retrieve(fetchTargetOf(sample.sampleId), request))
            .flat()
            .sort(
              (left, right) => right.relevance_score - left.relevance_score || (left.id < right.id ? -1 : 1),
            )
            .slice(0, 10)
            .map((item) => item.id);
        const expected = await idsOf(onSqlite);
        assert.ok(expected.length > 0, question.question);
        assert.deepEqual(await idsOf(onPostgres), expected, question.question);
        questions += 1;
      }
    }
    assert.equal(questions, SAMPLES * QUESTIONS_PER_SAMPLE);
  });
});
