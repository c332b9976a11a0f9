import type {
  EngramStore,
  EntityEdge,
  IngestionChanges,
  MemoryInsert,
  MemoryOwner,
  StoredEntity,
  StoredMemory,
} from '@engram/core';
import { newUuidV7, scopeKeyOf, systemClock, TenancyService } from '@engram/core';
import { seededRandom } from '../support/seeded-random.js';
import { syntheticSessionChanges } from '../support/synthetic-ingestion.js';
import { type CorpusShape, type CorpusUser, corpusUsers, profileOf } from './corpus-shape.js';
import { type SyntheticMemory, syntheticClientMemory, syntheticMemory } from './synthetic-memories.js';

/** Credentials of the corpus's one instance. */
export interface CorpusInstance {
  instanceId: string;
  clientId: string;
  apiKey: string;
}

/** Memories per stored document: a chat session's worth. */
const SESSION_SIZE = 20;
/** Documents submitted before waiting: the store's group commit writes them in one transaction. */
const DOCUMENTS_PER_COMMIT = 500;
const FIRST_SESSION = Date.UTC(2024, 0, 1);

/** Embeds one text synchronously (the GloVe model's `embedSync`). */
export type EmbedSync = (text: string) => Float32Array;

/** Builds memories, entities and edges of one owner, session by session. */
class OwnerWriter {
  private readonly entities = new Map<string, StoredEntity>();
  private session = 0;

  constructor(
    private readonly owner: MemoryOwner,
    private readonly embed: EmbedSync,
    private readonly sessionCount: number,
  ) {}

  /** One document holding `memories`, with the entities they touch (mention counts so far) and their edges. */
  changes(memories: readonly SyntheticMemory[]): IngestionChanges {
    const at = new Date(
      FIRST_SESSION + Math.floor((this.session++ / Math.max(1, this.sessionCount)) * 700 * 86_400_000),
    ).toISOString();
    const documentId = `session-${this.session}`;
    const touched = new Map<string, StoredEntity>();
    const edges: EntityEdge[] = [];
    const inserts = memories.map((synthetic, index): MemoryInsert => {
      const memoryId = newUuidV7();
      const entityIds = synthetic.entities.map((mention) => {
        const entity = this.entity(mention.name, mention.type);
        entity.mentionCount += 1;
        touched.set(entity.entityId, entity);
        return entity.entityId;
      });
      if (synthetic.edge !== undefined) {
        const subject = this.entities.get(synthetic.edge.subject);
        const object = this.entities.get(synthetic.edge.object);
        if (subject !== undefined && object !== undefined) {
          edges.push({
            edgeId: newUuidV7(),
            scopeKey: this.owner.scopeKey,
            subjectEntityId: subject.entityId,
            relation: synthetic.edge.relation,
            objectEntityId: object.entityId,
            memoryId,
          });
        }
      }
      return {
        memory: this.memory(memoryId, synthetic, documentId, at),
        embedding: this.embed(synthetic.content),
        searchText: [
          synthetic.content,
          synthetic.evidence,
          ...synthetic.entities.map((entity) => entity.name),
        ].join('\n'),
        // As ingestion indexes it: the neighbouring lines of the session (decision 0012).
        contextText: [memories[index - 1]?.evidence, memories[index + 1]?.evidence]
          .filter((line) => line !== undefined)
          .join('\n'),
        entityIds,
      };
    });
    return syntheticSessionChanges({
      owner: this.owner,
      documentId,
      content: memories.map((memory) => memory.evidence).join('\n'),
      at,
      inserts,
      entities: [...touched.values()].map((entity) => ({ ...entity })),
      edges,
    });
  }

  private entity(name: string, type: StoredEntity['type']): StoredEntity {
    let entity = this.entities.get(name);
    if (entity === undefined) {
      entity = {
        entityId: newUuidV7(),
        scopeKey: this.owner.scopeKey,
        canonicalName: name,
        type,
        aliases: [],
        mentionCount: 0,
      };
      this.entities.set(name, entity);
    }
    return entity;
  }

  private memory(memoryId: string, synthetic: SyntheticMemory, documentId: string, at: string): StoredMemory {
    return {
      memoryId,
      owner: this.owner,
      type: synthetic.type,
      content: synthetic.content,
      confidence: synthetic.confidence,
      subject: synthetic.subject,
      attribute: synthetic.attribute,
      value: synthetic.value,
      eventDate: synthetic.eventDate,
      validUntil: undefined,
      temporalCategory: synthetic.temporalCategory,
      temporalConfidence: synthetic.eventDate === undefined ? 0 : 0.85,
      details: synthetic.details,
      sourceDocumentId: documentId,
      sourceIngestionId: `ing-${documentId}`,
      sourceDocumentType: 'ai-chat-conversation',
      sourceDocumentCreatedAt: at,
      sourceEvidence: [synthetic.evidence],
      mentionCount: 1,
      supersededBy: undefined,
      extractor: 'rules',
      metadata: {},
      extractedAt: at,
      createdAt: at,
      updatedAt: at,
    };
  }
}

function userOwner(instanceId: string, userId: string): MemoryOwner {
  // B2C: a user's customer id is the user id (see resolvePeople).
  const scopeKey = scopeKeyOf(instanceId, 'user', { customerId: userId, userId });
  return { instanceId, scope: 'user', customerId: userId, userId, conversationId: undefined, scopeKey };
}

/**
 * Writes a synthetic corpus of `shape` into `store` through the adapter's own
 * `applyIngestion` (so every index row is what ingestion would write), in
 * sessions of twenty memories, hundreds of sessions per transaction. Creates
 * the B2C instance first and returns its credentials. Reports progress as a
 * share of memories written. `serialPerOwner` writes each owner's sessions in
 * order, one at a time (a server store, where concurrent writes of one scope
 * would contend for its entity rows).
 */
export async function writeCorpus(
  store: Pick<EngramStore, 'tenancy' | 'memories'>,
  shape: CorpusShape,
  embed: EmbedSync,
  onProgress: (written: number) => void,
  options: { serialPerOwner?: boolean } = {},
): Promise<CorpusInstance> {
  const created = await new TenancyService(store.tenancy, systemClock).createInstance({
    name: 'bench-fetch',
    relationship: 'b2c',
  });
  const instanceId = created.instance_id;
  let pending: Promise<void>[] = [];
  let written = 0;
  // With serialPerOwner, one owner's sessions are written one after another (as
  // the job queue's per-scope serial keys do in production), owners side by side.
  const chains = new Map<string, Promise<void>>();
  const submit = async (changes: IngestionChanges) => {
    const scopeKey = changes.document.owner.scopeKey;
    const write = options.serialPerOwner
      ? (chains.get(scopeKey) ?? Promise.resolve()).then(() => store.memories.applyIngestion(changes))
      : store.memories.applyIngestion(changes);
    if (options.serialPerOwner) chains.set(scopeKey, write);
    pending.push(write);
    written += changes.inserts.length;
    if (pending.length >= DOCUMENTS_PER_COMMIT) {
      await Promise.all(pending);
      pending = [];
      chains.clear();
      onProgress(written);
    }
  };
  const writeOwner = async (owner: MemoryOwner, count: number, next: () => SyntheticMemory) => {
    const writer = new OwnerWriter(owner, embed, Math.ceil(count / SESSION_SIZE));
    for (let first = 0; first < count; first += SESSION_SIZE) {
      const size = Math.min(SESSION_SIZE, count - first);
      await submit(writer.changes(Array.from({ length: size }, next)));
    }
  };

  const clientRandom = seededRandom(shape.seed ^ 0x2545f491);
  const clientOwner: MemoryOwner = {
    instanceId,
    scope: 'client',
    customerId: undefined,
    userId: undefined,
    conversationId: undefined,
    scopeKey: scopeKeyOf(instanceId, 'client', {}),
  };
  await writeOwner(clientOwner, shape.clientMemories, () => syntheticClientMemory(clientRandom));
  for (const user of corpusUsers(shape)) await writeUser(user);
  await Promise.all(pending);
  onProgress(written);
  return { instanceId, clientId: created.client_id, apiKey: created.api_key };

  async function writeUser(user: CorpusUser) {
    const profile = profileOf(user);
    const random = seededRandom(user.seed ^ 0x9e3779b9);
    await writeOwner(userOwner(instanceId, user.userId), user.memoryCount, () =>
      syntheticMemory(random, profile),
    );
  }
}
