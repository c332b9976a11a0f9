import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEngramStore } from '@engram/store-sqlite';
import { RuleBasedExtractor } from '../../packages/core/src/ingestion/extraction/rule-based-extractor.js';
import { parseDocument } from '../../packages/core/src/ingestion/parse-document.js';
import { ingestDocument } from '../../packages/core/src/ingestion-pipeline/ingest-document.js';
import { systemClock } from '../../packages/core/src/ports/clock.js';
import type { EmbeddingModel } from '../../packages/core/src/ports/embedding-model.js';
import { buildIngestionDocuments, type LocomoSample } from '../locomo/locomo-dataset.js';
import { EVALUATION_INSTANCE, userScopeKey } from './evaluation-samples.js';

/**
 * Opens the cached store of a sample, ingesting it first (rule-based
 * extraction, the given embedder, long-range mode, sessions in order) when
 * the cache has none or `reingest` is set. A `<sample>.db.done` marker
 * records a finished ingestion, so an interrupted one is redone.
 */
export async function openSampleStore(
  cacheDir: string,
  sample: LocomoSample,
  embedder: EmbeddingModel,
  reingest: boolean,
): Promise<SqliteEngramStore> {
  mkdirSync(cacheDir, { recursive: true });
  const path = join(cacheDir, `${sample.sampleId}.db`);
  const done = `${path}.done`;
  if (reingest || !existsSync(done)) {
    for (const file of [path, `${path}-wal`, `${path}-shm`, done]) rmSync(file, { force: true });
    await ingestSample(path, sample, embedder);
    writeFileSync(done, new Date().toISOString());
  }
  return SqliteEngramStore.open(path);
}

async function ingestSample(path: string, sample: LocomoSample, embedder: EmbeddingModel): Promise<void> {
  const store = SqliteEngramStore.open(path);
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
  await store.close();
  process.stderr.write(
    `${sample.sampleId} ingested in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
}
