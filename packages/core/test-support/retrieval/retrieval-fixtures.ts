// Fixtures for the retrieval tests: a real store (whichever adapter the
// calling package supplies), a deterministic embedding model (a port fake,
// not a storage fake) and builders for hand-made memories written through
// `applyIngestion`. Core depends on no store, so the suites that need one are
// run from each store's package.
import { createHash } from 'node:crypto';
import { baseFetchRequestSchema, type FetchRequest } from '@engram/protocol';
import type {
  EmbeddingModel,
  EngramStore,
  EntityEdge,
  EntityType,
  FetchTarget,
  MemoryDetails,
  MemoryOwner,
  MemoryScope,
  MemoryType,
  StoredEntity,
  StoredMemory,
} from '../../src/index.js';
import { newUuidV7, scopeKeyOf } from '../../src/index.js';
import { MemoryRetrievalPipeline } from '../../src/retrieval/index.js';
import type { StoreFactory } from '../store-conformance.js';

export const INSTANCE = 'inst_00000000000000aa';
export const NOW = new Date('2026-01-15T12:00:00.000Z');
const DIMENSIONS = 256;
const IGNORED = new Set([
  'the',
  'a',
  'an',
  'of',
  'to',
  'and',
  'is',
  'in',
  'on',
  'at',
  'did',
  'does',
  'what',
  'when',
]);

/**
 * Hashed bag-of-words vectors: texts sharing words are similar, texts that
 * share none are orthogonal. Deterministic, instant, no model files.
 */
export function hashedEmbedder(): EmbeddingModel {
  return {
    provider: 'test',
    modelId: 'hashed-bow',
    dimensions: DIMENSIONS,
    maxBatchSize: 64,
    async doEmbed({ values }) {
      return { embeddings: values.map(embed) };
    },
  };
}

function embed(text: string): Float32Array {
  const vector = new Float32Array(DIMENSIONS);
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    if (IGNORED.has(word)) continue;
    const digest = createHash('sha1').update(word).digest();
    const slot = digest.readUInt16BE(0) % DIMENSIONS;
    vector[slot] = (vector[slot] ?? 0) + 1;
  }
  const norm = Math.hypot(...vector);
  return norm === 0 ? vector : vector.map((value) => value / norm);
}

/** Ids of a memory owner. */
export interface OwnerIds {
  customerId?: string;
  userId?: string;
  conversationId?: string;
}

/** The owner of a memory at `scope`. */
export function ownerOf(scope: MemoryScope, ids: OwnerIds = {}): MemoryOwner {
  return {
    instanceId: INSTANCE,
    scope,
    customerId: ids.customerId,
    userId: ids.userId,
    conversationId: ids.conversationId,
    scopeKey: scopeKeyOf(INSTANCE, scope, ids),
  };
}

/** A fetch target. */
export function targetOf(scope: MemoryScope, ids: OwnerIds = {}, includeClientContext = true): FetchTarget {
  return {
    scope,
    instanceId: INSTANCE,
    clientId: 'cli_00000000000000aa',
    userId: ids.userId,
    customerId: ids.customerId,
    conversationId: ids.conversationId,
    includeClientContext,
  };
}

/** A validated fetch request (wire defaults applied). */
export function requestOf(body: Record<string, unknown>): FetchRequest {
  return baseFetchRequestSchema.parse(body);
}

/** What a test says about one memory. */
export interface MemorySpec {
  content: string;
  type?: MemoryType;
  memoryId?: string;
  confidence?: number;
  subject?: string;
  eventDate?: string;
  validUntil?: string;
  supersededBy?: string;
  evidence?: string[];
  /** Defaults to the document's date. */
  saidAt?: string;
  details?: MemoryDetails;
  entities?: [string, EntityType][];
  /** Subject name, relation, object name: an edge stated by this memory. */
  relations?: [string, string, string][];
}

/** Writes hand-made memories into a real store, one ingestion per call, keeping entities per scope. */
export class Seeder {
  private readonly entities = new Map<string, StoredEntity>();
  private documents = 0;

  constructor(
    readonly store: EngramStore,
    private readonly embedder = hashedEmbedder(),
  ) {}

  /** Inserts `specs` as one document of `owner` said at `saidAt`; returns the stored memories. */
  async add(
    owner: MemoryOwner,
    specs: MemorySpec[],
    saidAt = '2025-06-01T10:00:00.000Z',
  ): Promise<StoredMemory[]> {
    const documentId = `doc-${++this.documents}`;
    const { embeddings } = await this.embedder.doEmbed({ values: specs.map((spec) => spec.content) });
    const touched = new Map<string, StoredEntity>();
    const edges: EntityEdge[] = [];
    const inserts = specs.map((spec, index) => {
      const memory = storedMemory(owner, documentId, spec, saidAt);
      const entityOf = (name: string, type: EntityType) => {
        const key = `${owner.scopeKey}|${name.toLowerCase()}`;
        let entity = this.entities.get(key);
        if (entity === undefined) {
          entity = {
            entityId: newUuidV7(),
            scopeKey: owner.scopeKey,
            canonicalName: name,
            type,
            aliases: [],
            mentionCount: 0,
          };
          this.entities.set(key, entity);
        }
        entity.mentionCount += 1;
        touched.set(entity.entityId, entity);
        return entity;
      };
      const ids = new Set((spec.entities ?? []).map(([name, type]) => entityOf(name, type).entityId));
      for (const [subject, relation, object] of spec.relations ?? []) {
        const from = entityOf(subject, 'person');
        const to = entityOf(object, 'thing');
        ids.add(from.entityId);
        ids.add(to.entityId);
        edges.push({
          edgeId: newUuidV7(),
          scopeKey: owner.scopeKey,
          subjectEntityId: from.entityId,
          relation,
          objectEntityId: to.entityId,
          memoryId: memory.memoryId,
        });
      }
      const names = (spec.entities ?? []).map(([name]) => name);
      return {
        memory,
        embedding: embeddings[index] as Float32Array,
        searchText: [memory.content, ...memory.sourceEvidence, ...names].join('\n'),
        entityIds: [...ids],
      };
    });
    await this.store.memories.applyIngestion({
      document: {
        instanceId: INSTANCE,
        documentId,
        owner,
        documentType: 'ai-chat-conversation',
        mode: 'long-range',
        content: specs.map((spec) => spec.content).join('\n'),
        contentHash: documentId,
        documentCreatedAt: saidAt,
        metadata: {},
        createdAt: saidAt,
        updatedAt: saidAt,
      },
      removedMemoryIds: [],
      inserts,
      merges: [],
      supersessions: [],
      entities: [...touched.values()].map((entity) => ({ ...entity, aliases: [...entity.aliases] })),
      edges,
    });
    return inserts.map((insert) => insert.memory);
  }
}

function storedMemory(
  owner: MemoryOwner,
  documentId: string,
  spec: MemorySpec,
  saidAt: string,
): StoredMemory {
  const at = spec.saidAt ?? saidAt;
  return {
    memoryId: spec.memoryId ?? newUuidV7(),
    owner,
    type: spec.type ?? 'fact',
    content: spec.content,
    confidence: spec.confidence ?? 0.8,
    subject: spec.subject,
    attribute: undefined,
    value: undefined,
    eventDate: spec.eventDate,
    validUntil: spec.validUntil,
    temporalCategory: spec.eventDate === undefined ? 'perpetual' : 'episode',
    temporalConfidence: 0.8,
    details: spec.details ?? {},
    sourceDocumentId: documentId,
    sourceIngestionId: `ing-${documentId}`,
    sourceDocumentType: 'ai-chat-conversation',
    sourceDocumentCreatedAt: at,
    sourceEvidence: spec.evidence ?? [`${spec.subject ?? 'User'}: ${spec.content}`],
    mentionCount: 1,
    supersededBy: spec.supersededBy,
    extractor: 'test',
    metadata: { origin: 'retrieval-test' },
    extractedAt: at,
    createdAt: at,
    updatedAt: at,
  };
}

/** A retrieval pipeline over `store`'s indexes with `embedder`, at {@link NOW}; `extra` adds or overrides dependencies. */
export function pipelineOver(
  store: EngramStore,
  embedder: EmbeddingModel,
  extra: Partial<ConstructorParameters<typeof MemoryRetrievalPipeline>[0]> = {},
): MemoryRetrievalPipeline {
  return new MemoryRetrievalPipeline({
    memories: store.memories,
    vectors: store.vectors,
    text: store.text,
    graph: store.graph,
    embedder: async () => embedder,
    clock: { now: () => NOW },
    ...extra,
  });
}

/** Makes a conformance-suite factory over a fresh, empty store (one per fixture). */
export type FreshStoreFactory = () => StoreFactory;

/** A fresh store from `fresh` with a pipeline over it; `dispose` closes and removes the store. */
export async function openFixture(
  fresh: FreshStoreFactory,
  options: { chatModel?: ConstructorParameters<typeof MemoryRetrievalPipeline>[0]['chatModel'] } = {},
) {
  const factory = fresh();
  const store = await factory.open();
  const embedder = hashedEmbedder();
  const pipeline = pipelineOver(store, embedder, { chatModel: options.chatModel });
  return {
    store,
    pipeline,
    seeder: new Seeder(store, embedder),
    dispose: () => factory.dispose(),
  };
}

/** A stored memory for pure stage tests: Dana's beagle fact, with `overrides`. */
export function storedMemoryOf(overrides: Partial<StoredMemory> = {}): StoredMemory {
  const at = '2025-06-01T10:00:00.000Z';
  return {
    memoryId: 'm1',
    owner: ownerOf('user', { customerId: 'u1', userId: 'u1' }),
    type: 'fact',
    content: 'Dana adopted a beagle',
    confidence: 0.8,
    subject: 'Dana',
    attribute: undefined,
    value: undefined,
    eventDate: undefined,
    validUntil: undefined,
    temporalCategory: 'perpetual',
    temporalConfidence: 0.7,
    details: {},
    sourceDocumentId: 'doc-1',
    sourceIngestionId: 'ing-1',
    sourceDocumentType: 'ai-chat-conversation',
    sourceDocumentCreatedAt: at,
    sourceEvidence: ['Dana: I adopted a beagle!'],
    mentionCount: 1,
    supersededBy: undefined,
    extractor: 'rules',
    metadata: {},
    extractedAt: at,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}
