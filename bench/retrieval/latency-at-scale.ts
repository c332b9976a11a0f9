// Retrieval latency at scale: copies the memories of the LoCoMo store that
// evaluate-retrieval.ts caches (built here when missing) into ONE user's scope until it holds
// about `--memories` of them (new ids; entities shared across copies of a
// conversation, as resolution within one scope would; GloVe embeddings), then times fast and accurate fetches of the LoCoMo
// questions against it. Prints p50/p95 per mode; no quality figures (copies
// make evidence ambiguous).
//
//   npx tsx bench/retrieval/latency-at-scale.ts [--memories 50000] [--questions 400] [--tuning JSON]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { EntityEdge, MemoryInsert, StoredEntity, StoredMemory } from '@engram/core';
import { newUuidV7, scopeKeyOf } from '@engram/core';
import { MemoryRetrievalPipeline, type RetrievalTuning } from '@engram/core/retrieval';
import { createGloveEmbedder } from '@engram/embedder-glove';
import { baseFetchRequestSchema } from '@engram/protocol';
import { SqliteEngramStore } from '@engram/store-sqlite';
import { DEFAULT_LOCOMO_PATH, loadLocomo } from '../locomo/locomo-dataset.js';
import { syntheticSessionChanges } from '../support/synthetic-ingestion.js';
import { evaluationRetrievalDependencies, openEvaluationStore } from './sample-stores.js';

const { values: options } = parseArgs({
  options: {
    memories: { type: 'string', default: '50000' },
    questions: { type: 'string', default: '400' },
    'cache-dir': { type: 'string', default: '/tmp/engram-locomo-eval' },
    /** Keep the scale store at this path (for profiling) instead of a deleted temp file. */
    keep: { type: 'string' },
    /** Pipeline tuning overrides as JSON, e.g. '{"candidatePool":80}' to compare settings. */
    tuning: { type: 'string' },
  },
});
const INSTANCE = 'inst_0000000000000e7a';
const TARGET_USER = 'scale-user';
const userKey = (userId: string) => scopeKeyOf(INSTANCE, 'user', { customerId: userId, userId });
const owner = {
  instanceId: INSTANCE,
  scope: 'user' as const,
  customerId: TARGET_USER,
  userId: TARGET_USER,
  conversationId: undefined,
  scopeKey: userKey(TARGET_USER),
};

const samples = await loadLocomo(DEFAULT_LOCOMO_PATH);
const embedder = await createGloveEmbedder({ cacheDir: '/tmp/engram-glove-cache' });
interface Source {
  memories: StoredMemory[];
  links: Map<string, { entityId: string; canonicalName: string; type: StoredEntity['type'] }[]>;
  edges: EntityEdge[];
  embeddings: Float32Array[];
}
const sources: Source[] = [];
const cached = await openEvaluationStore(options['cache-dir'] as string, samples, embedder, false);
for (const sample of samples) {
  const memories = await cached.memories.listRecent([userKey(sample.sampleId)], 1_000_000);
  const links = await cached.graph.entitiesOfMemories(memories.map((memory) => memory.memoryId));
  const entityIds = [...new Set([...links.values()].flat().map((link) => link.entityId))];
  const edges = await cached.graph.edgesOf(entityIds, 1_000_000);
  const { embeddings } = await embedder.doEmbed({ values: memories.map((memory) => memory.content) });
  sources.push({ memories, links, edges, embeddings });
}
await cached.close();

const folder = mkdtempSync(join(tmpdir(), 'engram-scale-'));
const store = SqliteEngramStore.open((options.keep as string | undefined) ?? join(folder, 'scale.db'));
const wanted = Number(options.memories);
let written = 0;
let copy = 0;
// One entity per source entity across copies, as entity resolution within one scope would give.
const entityOfSource = sources.map(() => new Map<string, StoredEntity>());
const started = performance.now();
while (written < wanted) {
  copy++;
  for (const [sourceIndex, source] of sources.entries()) {
    if (written >= wanted) break;
    const entityOf = entityOfSource[sourceIndex] as Map<string, StoredEntity>;
    const touched = new Set<StoredEntity>();
    const newId = new Map<string, string>();
    const inserts: MemoryInsert[] = source.memories.slice(0, wanted - written).map((memory, index) => {
      const memoryId = newUuidV7();
      newId.set(memory.memoryId, memoryId);
      const entityIds = (source.links.get(memory.memoryId) ?? []).map((link) => {
        let entity = entityOf.get(link.entityId);
        if (entity === undefined) {
          entity = {
            entityId: newUuidV7(),
            scopeKey: owner.scopeKey,
            canonicalName: link.canonicalName,
            type: link.type,
            aliases: [],
            mentionCount: 0,
          };
          entityOf.set(link.entityId, entity);
        }
        entity.mentionCount++;
        touched.add(entity);
        return entity.entityId;
      });
      return {
        memory: {
          ...memory,
          memoryId,
          owner,
          supersededBy: undefined,
          sourceDocumentId: `${memory.sourceDocumentId}-c${copy}`,
        },
        embedding: source.embeddings[index] as Float32Array,
        searchText: [memory.content, ...memory.sourceEvidence].join('\n'),
        entityIds,
      };
    });
    const edges: EntityEdge[] = source.edges.flatMap((edge) => {
      const subject = entityOf.get(edge.subjectEntityId);
      const object = entityOf.get(edge.objectEntityId);
      const memoryId = newId.get(edge.memoryId);
      if (subject === undefined || object === undefined || memoryId === undefined) return [];
      return [
        {
          ...edge,
          edgeId: newUuidV7(),
          scopeKey: owner.scopeKey,
          subjectEntityId: subject.entityId,
          objectEntityId: object.entityId,
          memoryId,
        },
      ];
    });
    const at = new Date().toISOString();
    await store.memories.applyIngestion(
      syntheticSessionChanges({
        owner,
        documentId: `copy-${copy}-${sourceIndex}`,
        content: '',
        contentHash: '',
        at,
        inserts,
        entities: [...touched].map((entity) => ({ ...entity })),
        edges,
      }),
    );
    written += inserts.length;
  }
}
console.log(
  `${written} memories in one user scope, written in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

const pipeline = new MemoryRetrievalPipeline({
  ...evaluationRetrievalDependencies(store, embedder),
  tuning: options.tuning ? (JSON.parse(options.tuning) as Partial<RetrievalTuning>) : undefined,
});
const target = {
  scope: 'user' as const,
  instanceId: INSTANCE,
  clientId: 'cli_0000000000000e7a',
  userId: TARGET_USER,
  customerId: TARGET_USER,
  conversationId: undefined,
  includeClientContext: true,
};
const questions = samples.flatMap((sample) => sample.questions.map((question) => question.question));
const step = Math.max(1, Math.floor(questions.length / Number(options.questions)));
const picked = questions.filter((_, index) => index % step === 0).slice(0, Number(options.questions));
for (const mode of ['fast', 'accurate'] as const) {
  for (const question of picked.slice(0, 20)) {
    await pipeline.retrieve(
      target,
      baseFetchRequestSchema.parse({ search_query: [question], max_results: 50, mode }),
    );
  }
  const times: number[] = [];
  for (const question of picked) {
    const request = baseFetchRequestSchema.parse({ search_query: [question], max_results: 50, mode });
    const begin = performance.now();
    await pipeline.retrieve(target, request);
    times.push(performance.now() - begin);
  }
  times.sort((left, right) => left - right);
  const at = (share: number) =>
    times[Math.min(times.length - 1, Math.floor(share * times.length))]?.toFixed(2);
  console.log(`${mode}: ${times.length} queries, max_results 50: p50 ${at(0.5)} ms  p95 ${at(0.95)} ms`);
}
await store.close();
rmSync(folder, { recursive: true, force: true });
