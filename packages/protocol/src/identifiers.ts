import { z } from 'zod';

/** `cli_` followed by 16 hex digits: a client (account) id. */
export const CLIENT_ID_PATTERN = /^cli_[0-9a-f]{16}$/;
/** `inst_` followed by 16 hex digits, the regex the Python SDK validates with. */
export const INSTANCE_ID_PATTERN = /^inst_[0-9a-fA-F]{16}$/;
/** Canonical 8-4-4-4-12 UUID of any version (the Python SDK accepts any). */
export const UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * A conversation id on the conversation-scoped routes: must be a UUID, and
 * comes out lower-cased, so `ABC…` and `abc…` name one conversation and no
 * service normalises it again.
 */
export const conversationIdSchema = z
  .string()
  .regex(UUID_PATTERN, 'conversation_id must be a UUID (8-4-4-4-12 hex digits)')
  .toLowerCase();

/**
 * A caller-chosen id (user, customer, session). The wire allows null and the
 * spec says an empty string means "absent", so both normalise to `undefined`.
 */
export const optionalExternalIdSchema = z
  .string()
  .max(256, 'ids are at most 256 characters')
  .nullish()
  .transform((value) => (value === null || value === undefined || value === '' ? undefined : value));

const HAS_OFFSET = /(?:[zZ]|[+-]\d{2}:?\d{2})$/;

/**
 * An ISO-8601 timestamp, normalised to UTC `…Z`. A timestamp without an offset
 * (Python's naive `isoformat()`) is read as UTC, never as server-local time.
 */
export const isoTimestampSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?/, 'must be an ISO-8601 timestamp')
  .transform((value, context) => {
    const dateOnly = value.length === 10;
    const withZone = dateOnly ? `${value}T00:00:00Z` : HAS_OFFSET.test(value) ? value : `${value}Z`;
    const millis = Date.parse(withZone.replace(' ', 'T'));
    if (Number.isNaN(millis)) {
      context.addIssue({ code: 'custom', message: 'must be an ISO-8601 timestamp' });
      return z.NEVER;
    }
    return new Date(millis).toISOString();
  });
