import { type EngramError, isEngramError } from '../errors/engram-error.js';
import type { JobHandler, JobOutcome } from '../jobs/worker-pool.js';
import type { Job } from '../ports/job-store.js';
import type { MemoryStore } from '../ports/memory-store.js';
import type { WebhookEventInput, WebhookOutbox } from './webhook-outbox.js';

/** What {@link withJobWebhookEvents} needs. */
export interface JobWebhookDependencies {
  outbox: WebhookOutbox;
  memories: MemoryStore;
  /** The worker pool's attempt limit, so `ingestion.failed` is sent once, on the final failure. */
  maxAttempts: number;
  /** The pool's mapping of raw driver errors to retryable ones (WorkerPoolOptions.transientError). */
  transientError?: (error: unknown) => EngramError | undefined;
}

/**
 * Wraps a job handler so its outcome is published as webhook events:
 * `ingestion.completed` (plus `memory.created` / `memory.updated` per
 * memory), `ingestion.failed`, `compaction.completed`. Events are queued
 * after the handler's writes committed and before the job is marked
 * finished, so a crash in between re-runs the (idempotent) job, which
 * publishes them again. Their ids derive from the job (and memory), so that
 * second publish queues nothing new: never lost, never doubled.
 */
export function withJobWebhookEvents(handler: JobHandler, dependencies: JobWebhookDependencies): JobHandler {
  return {
    kind: handler.kind,
    async handle(job: Job, abortSignal: AbortSignal): Promise<JobOutcome> {
      let outcome: JobOutcome;
      try {
        outcome = await handler.handle(job, abortSignal);
      } catch (thrown) {
        const error = isEngramError(thrown) ? thrown : (dependencies.transientError?.(thrown) ?? thrown);
        const retryable = isEngramError(error) && error.retryable;
        if (!retryable || job.attempts >= dependencies.maxAttempts) {
          await publishJobFailure(job, isEngramError(error) ? error.message : 'internal error', dependencies);
        }
        throw error;
      }
      // Most instances have no endpoint: no event is built, no memory read, no outbox transaction.
      const subscribed = await dependencies.outbox.subscribedTypes(job.instanceId);
      if (subscribed.size > 0) {
        const events = await eventsOf(job, outcome, dependencies, subscribed);
        await dependencies.outbox.publish(events.filter((event) => subscribed.has(event.type)));
      }
      return outcome;
    },
  };
}

/**
 * Publishes `ingestion.failed` for an ingestion job that ended failed
 * (nothing for other kinds: no event type covers them). Idempotent: the
 * event id derives from the job. Also for jobs the worker pool fails
 * without running their handler (abandoned poison jobs).
 */
export async function publishJobFailure(
  job: Job,
  message: string,
  dependencies: Pick<JobWebhookDependencies, 'outbox'>,
): Promise<void> {
  if (job.kind !== 'ingest-document' && job.kind !== 'ingest-transcript') return;
  await dependencies.outbox.publish([
    {
      instanceId: job.instanceId,
      type: 'ingestion.failed',
      data: { ingestion_id: job.jobId, error: message },
      idempotencyParts: [job.jobId],
    },
  ]);
}

/** The events of a finished job; the per-memory events only when `subscribed` has a memory event type. */
async function eventsOf(
  job: Job,
  outcome: JobOutcome,
  dependencies: JobWebhookDependencies,
  subscribed: ReadonlySet<string>,
): Promise<WebhookEventInput[]> {
  const instanceId = job.instanceId;
  if (job.kind === 'compact-conversation') {
    if (outcome.status !== 'completed' || outcome.result.unchanged === true) return [];
    return [
      {
        instanceId,
        type: 'compaction.completed',
        idempotencyParts: [job.jobId],
        data: {
          compaction_id: outcome.result.compactionId,
          conversation_id: (job.payload as { conversationId?: string }).conversationId,
          version: outcome.result.version,
        },
      },
    ];
  }
  if (outcome.status === 'failed') {
    return [
      {
        instanceId,
        type: 'ingestion.failed',
        data: { ingestion_id: job.jobId, error: outcome.errorMessage ?? 'failed' },
        idempotencyParts: [job.jobId],
      },
    ];
  }
  const memoryIds = Array.isArray(outcome.result.memoryIds) ? (outcome.result.memoryIds as string[]) : [];
  const events: WebhookEventInput[] = [];
  const memoryEvents = subscribed.has('memory.created') || subscribed.has('memory.updated');
  for (const memoryId of memoryEvents ? memoryIds : []) {
    const memory = await dependencies.memories.getMemory(instanceId, memoryId);
    if (!memory) continue;
    // Written by this ingestion and untouched since: new. Otherwise an existing memory it merged into.
    const created = memory.sourceIngestionId === job.jobId && memory.createdAt === memory.updatedAt;
    events.push({
      instanceId,
      type: created ? 'memory.created' : 'memory.updated',
      idempotencyParts: [job.jobId, memory.memoryId],
      data: {
        memory_id: memory.memoryId,
        memory_type: memory.type,
        scope: memory.owner.scope,
        user_id: memory.owner.userId ?? null,
        customer_id: memory.owner.customerId ?? null,
        ingestion_id: job.jobId,
      },
    });
  }
  events.push({
    instanceId,
    type: 'ingestion.completed',
    idempotencyParts: [job.jobId],
    data: {
      ingestion_id: job.jobId,
      status: outcome.status,
      document_id: outcome.result.documentId ?? null,
      memories_created: outcome.result.memoriesCreated ?? 0,
      memory_ids: memoryIds,
    },
  });
  return events;
}
