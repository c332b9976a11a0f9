import { z } from 'zod';

/** `cli_` followed by 16 hex digits: a client (account) id. */
export const CLIENT_ID_PATTERN = /^cli_[0-9a-f]{16}$/;
/** `inst_` followed by 16 hex digits, the regex the Python SDK validates with. */
export const INSTANCE_ID_PATTERN = /^inst_[0-9a-fA-F]{16}$/;
/** Canonical 8-4-4-4-12 UUID of any version (the Python SDK accepts any). */
export const UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** A conversation id on the conversation-scoped routes: must be a UUID. */
export const conversationIdSchema = z
  .string()
  .regex(UUID_PATTERN, 'conversation_id must be a UUID (8-4-4-4-12 hex digits)');

/**
 * A caller-chosen id (user, customer, session). The wire allows null and the
 * spec says an empty string means "absent", so both normalise to `undefined`.
 */
export const optionalExternalIdSchema = z
  .string()
  .max(256, 'ids are at most 256 characters')
  .nullish()
  .transform((value) => (value === null || value === undefined || value === '' ? undefined : value));

/** ISO-8601 timestamp string as sent on the wire. */
export const isoTimestampSchema = z.iso.datetime({ offset: true, local: false });
