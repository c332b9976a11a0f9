import { DOCUMENT_TYPES, INGEST_MODES, MERGE_STRATEGIES } from '@engram/protocol';
import { InvalidInputError } from '../errors/synap-error.js';
import {
  assertNonEmptyString,
  assertOneOf,
  assertOptionalRecord,
  assertOptionalString,
  assertRecord,
  isoTimestampOrNull,
} from '../input-validation.js';
import type { CreateMemoryInput, UpdateMemoryInput } from './memory-inputs.js';

/**
 * Validates a `memories.create` input and builds its wire body the way the
 * Python SDK does: every key present, unset ones null, defaults spelled out.
 * Throws InvalidInputError (naming `field`) before anything is sent.
 */
export function createMemoryBody(input: CreateMemoryInput, field = 'input'): Record<string, unknown> {
  assertRecord(input, field);
  assertDocument(input.document, `${field}.document`);
  assertOneOf(input.document_type, DOCUMENT_TYPES, `${field}.document_type`);
  assertOneOf(input.mode, INGEST_MODES, `${field}.mode`);
  assertOptionalString(input.document_id, `${field}.document_id`);
  assertOptionalString(input.user_id, `${field}.user_id`);
  assertOptionalString(input.customer_id, `${field}.customer_id`);
  assertOptionalRecord(input.metadata, `${field}.metadata`);
  return {
    document: input.document,
    document_type: input.document_type ?? 'ai-chat-conversation',
    document_id: input.document_id ?? null,
    document_created_at: isoTimestampOrNull(input.document_created_at, `${field}.document_created_at`),
    user_id: input.user_id ?? null,
    customer_id: input.customer_id ?? null,
    // Null, not a spelled-out default: the server applies the instance's configured ingestion mode.
    mode: input.mode ?? null,
    metadata: input.metadata ?? null,
  };
}

/** Validates a `memories.update` input; the body leaves out unset optional keys (nulls omitted). */
export function updateMemoryBody(input: UpdateMemoryInput): Record<string, unknown> {
  assertRecord(input, 'input');
  assertDocument(input.document, 'document');
  assertOneOf(input.merge_strategy, MERGE_STRATEGIES, 'merge_strategy');
  assertOneOf(input.document_type, DOCUMENT_TYPES, 'document_type');
  assertOptionalRecord(input.metadata, 'metadata');
  const body: Record<string, unknown> = {
    document: input.document,
    merge_strategy: input.merge_strategy ?? 'smart-merge',
  };
  if (input.document_type !== undefined) body['document_type'] = input.document_type;
  if (input.metadata !== undefined && input.metadata !== null) body['metadata'] = input.metadata;
  return body;
}

/** The path segment of a memory or ingestion id; throws InvalidInputError for a blank one. */
export function idSegment(value: unknown, field: string): string {
  assertNonEmptyString(value, field);
  return encodeURIComponent(value);
}

function assertDocument(value: unknown, field: string): void {
  if (typeof value === 'string') return;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return;
  throw new InvalidInputError(`${field} must be a string or an object`);
}
