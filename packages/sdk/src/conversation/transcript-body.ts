import { InvalidInputError } from '../errors/synap-error.js';
import {
  assertNonEmptyString,
  assertOneOf,
  assertOptionalRecord,
  assertOptionalString,
  assertRecord,
  isoTimestampOrNull,
} from '../input-validation.js';
import type { IngestTranscriptInput, TranscriptTurn } from './transcript-inputs.js';

const TURN_ROLES = ['user', 'assistant'] as const;

/**
 * Validates an `ingestTranscript` input and builds the E13 body: the required
 * fields, then each optional one only when given. `conversation_id` is not
 * checked to be a UUID. Throws InvalidInputError before anything is sent.
 */
export function transcriptBody(input: IngestTranscriptInput): Record<string, unknown> {
  assertRecord(input, 'input');
  assertNonEmptyString(input.conversation_id, 'conversation_id');
  assertNonEmptyString(input.user_id, 'user_id');
  assertOptionalString(input.customer_id, 'customer_id');
  assertOptionalString(input.conversation_type, 'conversation_type');
  assertOptionalRecord(input.metadata, 'metadata');
  if (input.analysis !== undefined && input.analysis !== null && typeof input.analysis !== 'string') {
    assertRecord(input.analysis, 'analysis');
  }
  const body: Record<string, unknown> = {
    conversation_id: input.conversation_id,
    user_id: input.user_id,
    transcript: transcriptValue(input.transcript),
  };
  const optional: Record<string, unknown> = {
    customer_id: input.customer_id,
    conversation_type: input.conversation_type,
    analysis: input.analysis,
    metadata: input.metadata,
    started_at: isoTimestampOrNull(input.started_at, 'started_at'),
    ended_at: isoTimestampOrNull(input.ended_at, 'ended_at'),
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined && value !== null) body[key] = value;
  }
  return body;
}

function transcriptValue(transcript: unknown): string | Record<string, unknown>[] {
  if (typeof transcript === 'string') {
    if (transcript.trim() === '') throw new InvalidInputError('transcript must not be empty');
    return transcript;
  }
  if (!Array.isArray(transcript) || transcript.length === 0) {
    throw new InvalidInputError('transcript must be a non-empty string or a non-empty array of turns');
  }
  return transcript.map((turn: TranscriptTurn, index) => {
    const field = `transcript[${index}]`;
    assertRecord(turn, field);
    if (turn.role === undefined) throw new InvalidInputError(`${field}.role is required`);
    assertOneOf(turn.role, TURN_ROLES, `${field}.role`);
    if (typeof turn.content !== 'string') throw new InvalidInputError(`${field}.content must be a string`);
    assertOptionalString(turn.speaker, `${field}.speaker`);
    assertOptionalRecord(turn.metadata, `${field}.metadata`);
    const timestamp = isoTimestampOrNull(turn.timestamp, `${field}.timestamp`);
    return timestamp === null ? { ...turn } : { ...turn, timestamp };
  });
}
