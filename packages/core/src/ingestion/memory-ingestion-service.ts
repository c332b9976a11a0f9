import {
  type BatchCreateMemoriesResponse,
  type CreateMemoryRequest,
  type CreateMemoryResponse,
  createMemoryRequestSchema,
  type IngestionStatusResponse,
} from '@engram/protocol';
import type { AuthContext } from '../domain/tenancy.js';
import { EngramError, isEngramError } from '../errors/engram-error.js';
import { formatValidationIssues } from '../errors/validation-issues.js';
import { newUuidV7 } from '../ids/identifiers.js';
import type { Clock } from '../ports/clock.js';
import type { JobStore } from '../ports/job-store.js';
import { documentToText } from './document-text.js';
import type { IngestDocumentPayload } from './ingestion-job-payload.js';
import { resolveWriteOwner } from './write-scope.js';

/** Called after a job is queued, so in-process workers wake at once instead of on their next poll. */
export type JobQueuedListener = () => void;

/** The ingestion mode of a request that names none (the instance configuration's default). */
export type DefaultIngestionMode = (instanceId: string) => Promise<IngestDocumentPayload['mode']>;

/**
 * The heavy write path's front door (E15, E16, E18): validates, resolves the
 * scope, and queues a durable job. Extraction happens in workers.
 */
export class MemoryIngestionService {
  constructor(
    private readonly jobs: JobStore,
    private readonly clock: Clock,
    private readonly onQueued: JobQueuedListener = () => {},
    private readonly defaultMode: DefaultIngestionMode = async () => 'long-range',
  ) {}

  /** Queues one document (E15). Throws INVALID_INPUT / BAD_REQUEST before anything is queued. */
  async create(auth: AuthContext, request: CreateMemoryRequest): Promise<CreateMemoryResponse> {
    const mode = request.mode ?? (await this.defaultMode(auth.instanceId));
    const payload = this.prepare(auth, request, mode);
    const response = await this.enqueue(payload, auth, this.clock.now().toISOString());
    this.onQueued();
    return response;
  }

  /**
   * Queues many documents (E16). With `fail_fast` any invalid document
   * rejects the whole batch before anything is queued; without it, invalid
   * rows fail alone (each still gets a UUID `ingestion_id` and `queued_at`).
   */
  async batchCreate(
    auth: AuthContext,
    documents: readonly unknown[],
    failFast: boolean,
  ): Promise<BatchCreateMemoriesResponse> {
    const queuedAt = this.clock.now().toISOString();
    const mode = await this.defaultMode(auth.instanceId);
    const checked = documents.map((document, index) => {
      const parsed = createMemoryRequestSchema.safeParse(document);
      if (!parsed.success)
        return { index, error: formatValidationIssues(parsed.error, `documents.${index}`) };
      try {
        return { index, request: parsed.data, prepared: this.prepare(auth, parsed.data, mode) };
      } catch (error) {
        if (!isEngramError(error) || error.category !== 'user') throw error;
        return { index, error: `documents.${index}: ${error.message}` };
      }
    });
    const firstError = checked.find((row) => 'error' in row);
    if (failFast && firstError && 'error' in firstError) {
      throw new EngramError('INVALID_INPUT', `batch rejected (fail_fast): ${firstError.error}`);
    }
    const results: CreateMemoryResponse[] = [];
    for (const row of checked) {
      if ('error' in row) {
        results.push({
          ingestion_id: newUuidV7(),
          document_id: documentIdOf(documents[row.index]),
          status: 'failed',
          queued_at: queuedAt,
          error_message: row.error,
        });
      } else {
        results.push(await this.enqueue(row.prepared, auth, queuedAt));
      }
    }
    this.onQueued();
    const succeeded = results.filter((row) => row.status !== 'failed').length;
    return {
      batch_id: newUuidV7(),
      total: documents.length,
      succeeded,
      failed: results.length - succeeded,
      results,
    };
  }

  /** The status of one ingestion (E18); NOT_FOUND for unknown or other instances' ids. */
  async status(auth: AuthContext, ingestionId: string): Promise<IngestionStatusResponse> {
    const job = await this.jobs.get(auth.instanceId, ingestionId.toLowerCase());
    if (!job || (job.kind !== 'ingest-document' && job.kind !== 'ingest-transcript')) {
      throw new EngramError('NOT_FOUND', `no ingestion with id ${ingestionId}`);
    }
    const memoryIds = Array.isArray(job.result.memoryIds) ? (job.result.memoryIds as string[]) : [];
    return {
      ingestion_id: job.jobId,
      document_id: String(job.payload.documentId ?? ''),
      status: job.status,
      queued_at: job.queuedAt,
      started_at: job.startedAt ?? null,
      completed_at: job.completedAt ?? null,
      memories_created: typeof job.result.memoriesCreated === 'number' ? job.result.memoriesCreated : 0,
      memory_ids: memoryIds,
      error_message: job.errorMessage ?? null,
    };
  }

  private prepare(
    auth: AuthContext,
    request: CreateMemoryRequest,
    defaultMode: IngestDocumentPayload['mode'],
  ): IngestDocumentPayload {
    const text = documentToText(request.document);
    if (text.trim() === '') throw new EngramError('INVALID_INPUT', 'document must not be empty');
    const owner = resolveWriteOwner(auth, { userId: request.user_id, customerId: request.customer_id });
    return {
      documentId: request.document_id ?? newUuidV7(),
      text,
      documentType: request.document_type,
      documentCreatedAt: request.document_created_at ?? this.clock.now().toISOString(),
      mode: request.mode ?? defaultMode,
      metadata: request.metadata,
      owner: {
        instanceId: owner.instanceId,
        scope: owner.scope,
        customerId: owner.customerId,
        userId: owner.userId,
        scopeKey: owner.scopeKey,
      },
    };
  }

  private async enqueue(
    payload: IngestDocumentPayload,
    auth: AuthContext,
    queuedAt: string,
  ): Promise<CreateMemoryResponse> {
    const jobId = newUuidV7();
    await this.jobs.enqueue({
      jobId,
      instanceId: auth.instanceId,
      kind: 'ingest-document',
      serialKey: payload.owner.scopeKey,
      payload: payload as unknown as Record<string, unknown>,
      queuedAt,
    });
    return { ingestion_id: jobId, document_id: payload.documentId, status: 'queued', queued_at: queuedAt };
  }
}

function documentIdOf(document: unknown): string {
  if (typeof document === 'object' && document !== null && 'document_id' in document) {
    const id = (document as { document_id: unknown }).document_id;
    if (typeof id === 'string' && id !== '') return id;
  }
  return '';
}
