import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EmbeddingModel } from '@engram/core';
import { ingestDocument, parseDocument, RuleBasedExtractor, systemClock } from '@engram/core';
import { SqliteEngramStore } from '@engram/store-sqlite';
import { buildIngestionDocuments, type LocomoSample } from '../locomo/locomo-dataset.js';
import { EVALUATION_INSTANCE, userScopeKey } from './evaluation-samples.js';

/**
 * Opens the cached evaluation store: ONE SQLite store holding every sample
 * of the dataset, each in its own user scope (user id = sample id), as the
 * HTTP benchmark's server holds them. One store matters for the figures:
 * BM25 statistics (IDF, average length) are table-wide in FTS5, so a store
 * per sample ranks differently from the server (about 0.01 R@10 higher).
 * Ingests (rule-based extraction, the given embedder, long-range mode,
 * sessions in order) when the cache has no store for this sample list or
 * `reingest` is set; a `<name>.db.done` marker lists the samples of a
 * finished ingestion, so an interrupted one is redone.
 */
export async function openEvaluationStore(
  cacheDir: string,
  samples: readonly LocomoSample[],
  embedder: EmbeddingModel,
  reingest: boolean,
): Promise<SqliteEngramStore> {
  mkdirSync(cacheDir, { recursive: true });
  const path = join(cacheDir, 'locomo-shared.db');
  const done = `${path}.done`;
  const expected = samples.map((sample) => sample.sampleId).join(',');
  const recorded = existsSync(done) ? readFileSync(done, 'utf8').trim() : undefined;
  if (reingest || recorded !== expected) {
    for (const file of [path, `${path}-wal`, `${path}-shm`, done]) rmSync(file, { force: true });
    const store = SqliteEngramStore.open(path);
    try {
      for (const sample of samples) await ingestSample(store, sample, embedder);
    } finally {
      await store.close();
    }
    writeFileSync(done, `${expected}\n`);
  }
  return SqliteEngramStore.open(path);
}

async function ingestSample(
  store: SqliteEngramStore,
  sample: LocomoSample,
  embedder: EmbeddingModel,
): Promise<void> {
  const extractor = new RuleBasedExtractor();
  const started = performance.now();
  for (const document of buildIngestionDocuments(sample)) {
    await ingestDocument(
      `ing-${document.documentId}`,
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
        memories: store.memories,
        graph: store.graph,
        parse: parseDocument,
        extractor,
        embedder: async () => embedder,
        clock: systemClock,
      },
    );
  }
  process.stderr.write(
    `${sample.sampleId} ingested in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
}

/**
 * What the offline evaluation scripts rank with: `store`'s indexes, the
 * given embedder and the system clock (the same wiring as the server's
 * retrieval pipeline, without an LLM).
 */
export function evaluationRetrievalDependencies(store: SqliteEngramStore, embedder: EmbeddingModel) {
  return {
    memories: store.memories,
    vectors: store.vectors,
    text: store.text,
    graph: store.graph,
    embedder: async () => embedder,
    clock: systemClock,
  };
}
