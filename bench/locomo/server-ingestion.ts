import {
  createMemory,
  type EngramConnection,
  TERMINAL_INGESTION_STATUSES,
  waitForIngestion,
} from '../support/engram-http-client.js';
import { mapWithConcurrency } from '../support/map-with-concurrency.js';
import { buildIngestionDocuments, type LocomoSample } from './locomo-dataset.js';

/** Outcome of one session's ingestion. */
export interface SessionIngestion {
  readonly sampleId: string;
  readonly documentId: string;
  readonly status: string;
  readonly memoriesCreated: number | undefined;
  /** From the create call to the terminal status, in milliseconds. */
  readonly durationMs: number;
  readonly errorMessage: string | undefined;
}

/** Ingestion settings. */
export interface IngestOptions {
  /** Samples ingested in parallel (sessions of one sample are always sequential). */
  readonly concurrency: number;
  readonly pollIntervalMs: number;
  /** Per-session limit on waiting for a terminal status. */
  readonly timeoutMs: number;
  /** Called after each sample, for progress output. */
  readonly onSampleDone?: (sampleId: string, sessions: readonly SessionIngestion[]) => void;
}

/**
 * Ingests every session of every sample as the protocol prescribes: one
 * `memories/create` per session (`user_id` = sample id, B2C so no customer,
 * `long-range`), in chronological order within a sample, each awaited until
 * it reaches a terminal status before the next is sent, since later sessions
 * may update memories from earlier ones. A failed session is recorded, not fatal.
 */
export async function ingestSamples(
  connection: EngramConnection,
  samples: readonly LocomoSample[],
  options: IngestOptions,
): Promise<SessionIngestion[]> {
  const perSample = await mapWithConcurrency(samples, options.concurrency, async (sample) => {
    const sessions: SessionIngestion[] = [];
    for (const document of buildIngestionDocuments(sample)) {
      const started = performance.now();
      const created = await createMemory(connection, {
        document: document.text,
        document_type: 'ai-chat-conversation',
        document_id: document.documentId,
        document_created_at: document.createdAt,
        user_id: sample.sampleId,
        customer_id: null,
        mode: 'long-range',
        metadata: {},
      });
      const final = TERMINAL_INGESTION_STATUSES.has(created.status)
        ? { status: created.status, memories_created: undefined, error_message: undefined }
        : await waitForIngestion(connection, created.ingestion_id, {
            intervalMs: options.pollIntervalMs,
            timeoutMs: options.timeoutMs,
          });
      sessions.push({
        sampleId: sample.sampleId,
        documentId: document.documentId,
        status: final.status,
        memoriesCreated: final.memories_created,
        durationMs: performance.now() - started,
        errorMessage: final.error_message ?? undefined,
      });
    }
    options.onSampleDone?.(sample.sampleId, sessions);
    return sessions;
  });
  return perSample.flat();
}
