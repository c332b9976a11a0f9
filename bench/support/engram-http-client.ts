import { MEMORY_LIST_KEYS } from '@engram/protocol';
import { z } from 'zod';

/** Where a benchmark talks to: base URL and the instance's bearer key. */
export interface EngramConnection {
  readonly baseUrl: string;
  readonly apiKey: string;
}

/** Body of `POST /api/v1/memories/create` (E15); every key present, unset ones null. */
export interface CreateMemoryBody {
  readonly document: string;
  readonly document_type: string;
  readonly document_id: string | null;
  readonly document_created_at: string | null;
  readonly user_id: string | null;
  readonly customer_id: string | null;
  readonly mode: 'fast' | 'long-range';
  readonly metadata: Record<string, unknown>;
}

const createMemoryResponseSchema = z.object({
  ingestion_id: z.string().min(1),
  document_id: z.string(),
  status: z.string(),
  queued_at: z.string(),
});

/** E15 response. */
export type CreateMemoryResponse = z.infer<typeof createMemoryResponseSchema>;

const ingestionStatusSchema = z.object({
  ingestion_id: z.string(),
  status: z.string(),
  memories_created: z.number().optional(),
  error_message: z.string().nullish(),
});

/** E18 response, the fields benchmarks read. */
export type IngestionStatus = z.infer<typeof ingestionStatusSchema>;

/** Statuses after which an ingestion will not change (E18; the MCP server's extra spellings included). */
export const TERMINAL_INGESTION_STATUSES: ReadonlySet<string> = new Set([
  'completed',
  'failed',
  'partial_success',
  'complete',
  'success',
  'error',
  'done',
]);

// Tolerant: benchmarks read only what they score; unknown keys are kept out of the way.
const memoryItemSchema = z.object({
  id: z.string().optional(),
  content: z.string().optional(),
  summary: z.string().optional(),
  context: z.string().optional(),
  relevance_score: z.number().min(0).max(1),
  source_evidence: z.array(z.string()).optional(),
});

/** One retrieved item as benchmarks read it. */
export type RetrievedItem = z.infer<typeof memoryItemSchema>;

/** An item's text: the generic `content`, else an episode's `summary` or an emotion's `context`. */
export function itemText(item: RetrievedItem): string {
  return item.content || item.summary || item.context || '';
}

/** The five typed lists of a fetch response, read from the top level (the protocol's own list). */
export { MEMORY_LIST_KEYS };

const itemListSchema = z.array(memoryItemSchema).default([]);
const fetchResponseSchema = z.object({
  facts: itemListSchema,
  preferences: itemListSchema,
  episodes: itemListSchema,
  emotions: itemListSchema,
  temporal_events: itemListSchema,
});

/** Body of `POST /v1/context/user/fetch` (E4) as benchmarks send it. */
export interface UserFetchBody {
  readonly user_id: string;
  readonly customer_id: string | null;
  readonly search_query: readonly string[];
  readonly max_results: number;
  readonly types: readonly string[];
  readonly mode: 'fast' | 'accurate';
}

/** A non-200 answer; the message names the route and status, never the request content. */
export class EngramHttpError extends Error {
  /** @param status HTTP status; `detail` is the server's error text, for diagnosis. */
  constructor(
    readonly route: string,
    readonly status: number,
    readonly detail: string,
  ) {
    super(`${route} answered HTTP ${status}: ${detail.slice(0, 300)}`);
    this.name = 'EngramHttpError';
  }
}

async function call<Schema extends z.ZodType>(
  connection: EngramConnection,
  method: 'GET' | 'POST',
  path: string,
  route: string,
  schema: Schema,
  body?: unknown,
): Promise<z.infer<Schema>> {
  const response = await fetch(`${connection.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${connection.apiKey}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 200) throw new EngramHttpError(route, response.status, text);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${route} answered 200 with a body that is not JSON`, { cause: error });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new Error(`${route} answered an unexpected shape: ${parsed.error.message}`);
  return parsed.data;
}

/** E15: queues one document for ingestion. */
export function createMemory(
  connection: EngramConnection,
  body: CreateMemoryBody,
): Promise<CreateMemoryResponse> {
  return call(
    connection,
    'POST',
    '/api/v1/memories/create',
    'memories/create',
    createMemoryResponseSchema,
    body,
  );
}

/** E18: the current status of one ingestion. */
export function getIngestionStatus(
  connection: EngramConnection,
  ingestionId: string,
): Promise<IngestionStatus> {
  const path = `/api/v1/memories/status/${encodeURIComponent(ingestionId)}`;
  return call(connection, 'GET', path, 'memories/status', ingestionStatusSchema);
}

/**
 * Polls E18 every `intervalMs` until the ingestion reaches a terminal status
 * and returns that status (a `failed` one included; the caller decides).
 * @throws Error when `timeoutMs` passes first.
 */
export async function waitForIngestion(
  connection: EngramConnection,
  ingestionId: string,
  options: { readonly intervalMs: number; readonly timeoutMs: number },
): Promise<IngestionStatus> {
  const deadline = performance.now() + options.timeoutMs;
  for (;;) {
    const status = await getIngestionStatus(connection, ingestionId);
    if (TERMINAL_INGESTION_STATUSES.has(status.status)) return status;
    if (performance.now() > deadline) {
      throw new Error(`ingestion ${ingestionId} still ${status.status} after ${options.timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
  }
}

/**
 * E4: fetches a user's context and returns every item of the five typed
 * top-level lists merged and sorted by `relevance_score`, highest first (ties
 * keep list order: facts, preferences, episodes, emotions, temporal events).
 */
export async function fetchUserContext(
  connection: EngramConnection,
  body: UserFetchBody,
): Promise<RetrievedItem[]> {
  const response = await call(
    connection,
    'POST',
    '/v1/context/user/fetch',
    'context/user/fetch',
    fetchResponseSchema,
    body,
  );
  return MEMORY_LIST_KEYS.flatMap((key) => response[key]).sort(
    (left, right) => right.relevance_score - left.relevance_score,
  );
}
