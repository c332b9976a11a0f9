import type { MemoryResponse, UpdateMemoryRequest } from '@engram/protocol';
import type { AuthContext } from '../domain/tenancy.js';
import { embedTexts } from '../embedding/embed-texts.js';
import type { ErasureService } from '../erasure/erasure-service.js';
import { EngramError } from '../errors/engram-error.js';
import { EvidenceContext } from '../ingestion/evidence-context.js';
import { readableDate } from '../ingestion/memory-candidates.js';
import { mergeContent } from '../ingestion/merge-content.js';
import type { Clock } from '../ports/clock.js';
import type { EmbeddingModel } from '../ports/embedding-model.js';
import type { GraphStore, MemoryStore } from '../ports/memory-store.js';
import { dedupKeyOf } from '../text/text-normalization.js';
import type { WebhookOutbox } from '../webhooks/webhook-outbox.js';
import { toMemoryResponse } from './memory-response.js';

/** Called after a memory changes, so caches of its scope can be dropped. */
export type MemoryChangedListener = (instanceId: string, scopeKey: string) => void;

/** Read, edit and delete single memories (E19–E21). Every call is confined to the caller's instance. */
export class MemoryService {
  constructor(
    private readonly dependencies: {
      memories: MemoryStore;
      graph: GraphStore;
      embedder: () => Promise<EmbeddingModel>;
      clock: Clock;
      onChanged?: MemoryChangedListener;
      /** Deletes erase: text out of every table, then out of the files. */
      erasure: ErasureService;
      /**
       * Where `memory.updated` and `memory.deleted` go: written in the same
       * transaction as the edit or erasure, so a crash can lose neither.
       */
      outbox?: WebhookOutbox;
    },
  ) {}

  /** One memory with its entities; NOT_FOUND if absent or another instance's. */
  async get(auth: AuthContext, memoryId: string): Promise<MemoryResponse> {
    const memory = await this.dependencies.memories.getMemory(auth.instanceId, memoryId.toLowerCase());
    if (!memory) throw new EngramError('NOT_FOUND', `no memory with id ${memoryId}`);
    const links = await this.dependencies.graph.entitiesOfMemories([memory.memoryId]);
    return toMemoryResponse(memory, links.get(memory.memoryId) ?? []);
  }

  /** Rewrites a memory's content by `merge_strategy` and re-indexes it; returns the updated memory. */
  async update(auth: AuthContext, memoryId: string, request: UpdateMemoryRequest): Promise<MemoryResponse> {
    const memory = await this.dependencies.memories.getMemory(auth.instanceId, memoryId.toLowerCase());
    if (!memory) throw new EngramError('NOT_FOUND', `no memory with id ${memoryId}`);
    const content = mergeContent(memory.content, request.document, request.merge_strategy);
    const [embedding] = await embedTexts(await this.dependencies.embedder(), [content]);
    // The source lines did not change, so neither did their neighbours.
    const source = await this.dependencies.memories.getDocument(auth.instanceId, memory.sourceDocumentId);
    const metadata = request.metadata ? { ...memory.metadata, ...request.metadata } : memory.metadata;
    const events = this.events(auth.instanceId, 'memory.updated', memory.memoryId);
    const edit = {
      content,
      metadata,
      embedding: embedding as Float32Array,
      searchText: [content, ...memory.sourceEvidence, readableDate(memory.eventDate)].join('\n'),
      contextText: source ? new EvidenceContext(source.content).around(memory.sourceEvidence).join('\n') : '',
      dedupKey: dedupKeyOf(content),
      updatedAt: this.dependencies.clock.now().toISOString(),
    };
    const updated = await this.dependencies.memories.editMemory(
      auth.instanceId,
      memory.memoryId,
      edit,
      events,
    );
    if (!updated) throw new EngramError('NOT_FOUND', `no memory with id ${memoryId}`);
    this.dependencies.outbox?.notify();
    this.dependencies.onChanged?.(auth.instanceId, memory.owner.scopeKey);
    return this.get(auth, memory.memoryId);
  }

  /**
   * Erases permanently (see {@link ErasureService.eraseMemory}: every index,
   * entity, job result, and the document once its last memory is gone);
   * NOT_FOUND if absent.
   */
  async delete(auth: AuthContext, memoryId: string): Promise<{ memory_id: string; deleted_at: string }> {
    const id = memoryId.toLowerCase();
    const events = this.events(auth.instanceId, 'memory.deleted', id);
    const erased = await this.dependencies.erasure.eraseMemory(auth.instanceId, id, events);
    this.dependencies.outbox?.notify();
    return { memory_id: id, deleted_at: erased.erasedAt };
  }

  private events(instanceId: string, type: 'memory.updated' | 'memory.deleted', memoryId: string) {
    return this.dependencies.outbox?.prepare([{ instanceId, type, data: { memory_id: memoryId } }]) ?? [];
  }
}
