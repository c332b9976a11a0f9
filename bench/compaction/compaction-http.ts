import { z } from 'zod';

/** Where the benchmark talks to: base URL and the instance's bearer key. */
export interface CompactionConnection {
  readonly baseUrl: string;
  readonly apiKey: string;
}

/** One turn as `POST /v1/conversations/messages/batch` (E8) takes it. */
export interface BatchMessage {
  readonly conversation_id: string;
  readonly role: 'user' | 'assistant';
  readonly content: string;
  readonly user_id: string;
  readonly metadata: Record<string, unknown>;
}

const batchResponseSchema = z.object({ total: z.number(), succeeded: z.number(), failed: z.number() });
const triggerSchema = z.object({ compaction_id: z.string(), status: z.string(), initiated_at: z.string() });
const statusSchema = z.object({
  status: z.string(),
  compaction_id: z.string().nullable(),
  completed_at: z.string().nullable(),
  error_message: z.string().nullable(),
  compaction_ms: z.number().nullable(),
});
const compactedSchema = z.object({
  compaction_id: z.string(),
  formatted_context: z.string(),
  original_token_count: z.number(),
  compacted_token_count: z.number(),
  formatted_token_count: z.number(),
  compression_ratio: z.number(),
  validation_score: z.number(),
  validation_passed: z.boolean(),
  strategy_used: z.string(),
  level_applied: z.string(),
});

/** E11 fields the benchmark reads. */
export type CompactedReply = z.infer<typeof compactedSchema>;

/** The E8 batch limit of the server (MAX_BATCH_MESSAGES). */
const BATCH_SIZE = 1_000;

async function call<T>(
  connection: CompactionConnection,
  method: 'GET' | 'POST',
  path: string,
  schema: z.ZodType<T>,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${connection.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${connection.apiKey}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 200)
    throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return schema.parse(JSON.parse(text));
}

/** Records turns in input order through E8, in batches the server accepts; throws if any row failed. */
export async function recordMessages(
  connection: CompactionConnection,
  messages: readonly BatchMessage[],
): Promise<void> {
  for (let start = 0; start < messages.length; start += BATCH_SIZE) {
    const chunk = messages.slice(start, start + BATCH_SIZE);
    const reply = await call(connection, 'POST', '/v1/conversations/messages/batch', batchResponseSchema, {
      messages: chunk,
    });
    if (reply.failed > 0) throw new Error(`${reply.failed} of ${reply.total} turns were not recorded`);
  }
}

/** What one compaction through the API produced and cost. */
export interface CompactionRun {
  readonly compacted: CompactedReply;
  /** Server-side time of the job (E12 `compaction_ms`). */
  readonly serverMs: number;
  /** From the trigger's `initiated_at` to E12's `completed_at`, queueing included. */
  readonly queuedToDoneMs: number;
}

/**
 * E10 (forced, so every level re-compacts the whole history), polls E12 every
 * few milliseconds until the job is done, then reads the result with E11.
 */
export async function compactAt(
  connection: CompactionConnection,
  conversationId: string,
  strategy: string,
  format: string,
): Promise<CompactionRun> {
  const trigger = await call(connection, 'POST', '/v1/conversations/compact', triggerSchema, {
    conversation_id: conversationId,
    strategy,
    target_tokens: null,
    force: true,
  });
  const statusPath = `/v1/conversations/${conversationId}/compaction/status`;
  for (;;) {
    const status = await call(connection, 'GET', statusPath, statusSchema);
    if (status.status === 'failed')
      throw new Error(`compaction failed: ${status.error_message ?? 'no message'}`);
    if (status.status === 'completed' && status.compaction_id === trigger.compaction_id) {
      const compacted = await call(
        connection,
        'GET',
        `/v1/conversations/${conversationId}/compacted?format=${format}`,
        compactedSchema,
      );
      return {
        compacted,
        serverMs: status.compaction_ms ?? Number.NaN,
        queuedToDoneMs: Date.parse(status.completed_at ?? '') - Date.parse(trigger.initiated_at),
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
