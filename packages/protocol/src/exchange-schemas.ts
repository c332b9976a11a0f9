import { z } from 'zod';
import { MAX_MESSAGE_CONTENT_CHARS, messageRoleSchema } from './conversation-schemas.js';
import { optionalExternalIdSchema, UUID_PATTERN } from './identifiers.js';

/** Most messages one exchange ingest may carry (integrations send the whole prompt's history). */
export const MAX_EXCHANGE_MESSAGES = 500;

/** One message of `POST /v1/memories/ingest`; blank ones are dropped, as the integrations do. */
export const exchangeMessageSchema = z.object({
  role: z.enum(messageRoleSchema.options, { message: 'role must be "user" or "assistant"' }),
  content: z
    .string({ message: 'content must be a string' })
    .max(MAX_MESSAGE_CONTENT_CHARS, `content is at most ${MAX_MESSAGE_CONTENT_CHARS} characters`),
});

/**
 * `POST /v1/memories/ingest` (spec §5), as Synap's Vercel AI SDK integration
 * sends it after each model call: the prompt's messages with the assistant's
 * reply last, and `""` for absent ids. A `conversation_id`, when given, must
 * be a UUID: the turns are recorded on that conversation.
 */
export const ingestExchangeRequestSchema = z.object({
  messages: z
    .array(exchangeMessageSchema, { message: 'messages must be a list of {role, content}' })
    .min(1, 'messages must hold at least one message')
    .max(MAX_EXCHANGE_MESSAGES, `messages holds at most ${MAX_EXCHANGE_MESSAGES} messages`),
  user_id: optionalExternalIdSchema,
  customer_id: optionalExternalIdSchema,
  conversation_id: z
    .string()
    .nullish()
    .refine((value) => value === null || value === undefined || value === '' || UUID_PATTERN.test(value), {
      message: 'conversation_id must be a UUID (8-4-4-4-12 hex digits) or empty',
    })
    .transform((value) =>
      value === null || value === undefined || value === '' ? undefined : value.toLowerCase(),
    ),
  source: z
    .string()
    .max(64, 'source is at most 64 characters')
    .nullish()
    .transform((value) => (value === null || value === undefined || value === '' ? undefined : value)),
});

/** Validated exchange ingest input. */
export type IngestExchangeRequest = z.infer<typeof ingestExchangeRequestSchema>;

/**
 * Exchange ingest response. `status` is `queued` when the exchange went to
 * extraction (poll `ingestion_id` with E18), `skipped` when no user or
 * customer owns it (the turns are still recorded on the conversation).
 */
export const ingestExchangeResponseSchema = z.object({
  conversation_id: z.string().nullable(),
  /** Turns appended to the conversation now; 0 when they already were its latest turns (a re-send). */
  turns_recorded: z.number().int(),
  ingestion_id: z.string().nullable(),
  document_id: z.string().nullable(),
  status: z.enum(['queued', 'skipped']),
  scope: z.enum(['user', 'customer']).nullable(),
  queued_at: z.string(),
});

/** Exchange ingest response body. */
export type IngestExchangeResponse = z.infer<typeof ingestExchangeResponseSchema>;
