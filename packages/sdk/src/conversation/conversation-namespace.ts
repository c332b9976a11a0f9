import {
  type RecordMessageResponse,
  type RecordMessagesBatchResponse,
  recordMessageResponseSchema,
  recordMessagesBatchResponseSchema,
} from '@engram/protocol';
import { InvalidInputError } from '../errors/synap-error.js';
import { assertConversationId, assertOneOf, assertRecord } from '../input-validation.js';
import {
  type TranscriptIngestResponse,
  transcriptIngestResponseSchema,
} from '../schemas/transcript-schemas.js';
import type { CallOptions, RequestFn } from '../transport/http-transport.js';
import { ConversationContextNamespace } from './conversation-context-namespace.js';
import type { RecordMessageInput } from './conversation-inputs.js';
import { transcriptBody } from './transcript-body.js';
import type { IngestTranscriptInput } from './transcript-inputs.js';

const MESSAGE_ROLES = ['user', 'assistant'] as const;

/**
 * `sdk.conversation`: the light write path (turns into the conversation
 * buffer), whole-transcript ingestion, and `context`.
 */
export class ConversationNamespace {
  /** `sdk.conversation.context`: fetch and prompt-ready context of one conversation. */
  readonly context: ConversationContextNamespace;
  readonly #request: RequestFn;

  constructor(request: RequestFn) {
    this.#request = request;
    this.context = new ConversationContextNamespace(request);
  }

  /**
   * Records one turn (E7, `POST /v1/conversations/messages`). Validates
   * `conversation_id` (InvalidConversationIdError) and `role` (InvalidInputError)
   * before sending. Not idempotent: retried only on 429, so a timeout never
   * records the turn twice.
   */
  async recordMessage(input: RecordMessageInput, options: CallOptions = {}): Promise<RecordMessageResponse> {
    assertMessage(input, 'message');
    return this.#request({
      ...options,
      method: 'POST',
      path: '/v1/conversations/messages',
      body: messageBody(input),
      response: recordMessageResponseSchema,
      idempotent: false,
    });
  }

  /**
   * Records several turns in one call (E8, body `{messages}`). Every message is
   * validated first, so one bad row fails the call before anything is sent; the
   * server then reports each row in `results`, in input order. Retried only on 429.
   */
  async recordMessagesBatch(
    messages: readonly RecordMessageInput[],
    options: CallOptions = {},
  ): Promise<RecordMessagesBatchResponse> {
    if (!Array.isArray(messages) || messages.length === 0) {
      throw new InvalidInputError('messages must be a non-empty array');
    }
    for (const [index, message] of messages.entries()) assertMessage(message, `messages[${index}]`);
    return this.#request({
      ...options,
      method: 'POST',
      path: '/v1/conversations/messages/batch',
      body: { messages: messages.map(messageBody) },
      response: recordMessagesBatchResponseSchema,
      idempotent: false,
    });
  }

  /**
   * Ingests a finished conversation in one call (E13, `POST
   * /v1/conversations/ingest`): the server records the turns, queues extraction
   * (poll `memories.status` with `ingestion_id`) and starts a summary compaction.
   * `conversation_id` may be any non-empty string (no UUID check). The server
   * de-duplicates on `(conversation_id, transcript)`: an identical re-push answers
   * `status: "duplicate"` with the original `ingestion_id`, and a different
   * transcript for the same id rejects with TranscriptConflictError. Still a
   * write, so the SDK retries it only on 429.
   */
  async ingestTranscript(
    input: IngestTranscriptInput,
    options: CallOptions = {},
  ): Promise<TranscriptIngestResponse> {
    return this.#request({
      ...options,
      method: 'POST',
      path: '/v1/conversations/ingest',
      body: transcriptBody(input),
      response: transcriptIngestResponseSchema,
      idempotent: false,
    });
  }
}

function assertMessage(message: RecordMessageInput, field: string): void {
  assertRecord(message, field);
  assertConversationId(message.conversation_id, `${field}.conversation_id`);
  if (message.role === undefined) throw new InvalidInputError(`${field}.role is required`);
  assertOneOf(message.role, MESSAGE_ROLES, `${field}.role`);
  if (typeof message.content !== 'string') throw new InvalidInputError(`${field}.content must be a string`);
}

/** The wire body of one turn, as the Python SDK sends it: ids present (null when absent), metadata `{}`. */
function messageBody(message: RecordMessageInput): Record<string, unknown> {
  const body: Record<string, unknown> = {
    conversation_id: message.conversation_id,
    role: message.role,
    content: message.content,
    user_id: message.user_id ?? null,
    customer_id: message.customer_id ?? null,
    metadata: message.metadata ?? {},
  };
  if (message.session_id !== undefined && message.session_id !== null)
    body['session_id'] = message.session_id;
  return body;
}
