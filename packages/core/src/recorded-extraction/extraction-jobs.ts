import { z } from 'zod';
import { isEngramError } from '../errors/engram-error.js';
import { derivedUuid } from '../ids/identifiers.js';
import type { JobStore } from '../ports/job-store.js';

/** Why an `extract-conversation` job was queued. */
export type ExtractionTrigger = 'idle' | 'size';

/** What an `extract-conversation` job carries. */
export const extractConversationPayloadSchema = z.object({
  conversationId: z.string(),
  /** `idle` waits until the conversation has been quiet for the configured time; `size` runs at once. */
  trigger: z.enum(['idle', 'size']),
});

/** Parsed payload of an `extract-conversation` job. */
export type ExtractConversationPayload = z.infer<typeof extractConversationPayloadSchema>;

/**
 * Queues an `extract-conversation` job runnable from `runAt`. The job id is
 * derived from (instance, conversation, trigger, `mark`), so queueing the
 * same trigger twice (two processes, a retry after a crash) queues one job.
 * One serial key per conversation: its extraction jobs never overlap.
 * Returns false when that job already existed.
 */
export async function queueExtraction(
  jobs: JobStore,
  job: {
    instanceId: string;
    conversationId: string;
    trigger: ExtractionTrigger;
    mark: string;
    runAt: string;
  },
): Promise<boolean> {
  const payload: ExtractConversationPayload = { conversationId: job.conversationId, trigger: job.trigger };
  try {
    await jobs.enqueue({
      jobId: derivedUuid('extract-conversation', job.instanceId, job.conversationId, job.trigger, job.mark),
      instanceId: job.instanceId,
      kind: 'extract-conversation',
      serialKey: `extract:${job.instanceId}:${job.conversationId}`,
      payload,
      queuedAt: job.runAt,
    });
    return true;
  } catch (error) {
    if (isEngramError(error) && error.code === 'CONFLICT') return false;
    throw error;
  }
}
