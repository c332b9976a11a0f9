import { UUID_PATTERN } from '@engram/protocol';
import { InvalidConversationIdError, InvalidInputError } from './errors/synap-error.js';

/**
 * Client-side checks, as the Python SDK makes them: they fail before any
 * request is sent, so bad input never costs a round trip or a retry. Messages
 * name the field and the allowed values, never the value given.
 */

/** Throws InvalidConversationIdError unless `value` is an 8-4-4-4-12 UUID. */
export function assertConversationId(value: unknown, field = 'conversation_id'): asserts value is string {
  if (typeof value !== 'string' || !UUID_PATTERN.test(value)) {
    throw new InvalidConversationIdError(`${field} must be a UUID (8-4-4-4-12 hex digits)`);
  }
}

/** Throws InvalidInputError unless `value` is one of `allowed` or undefined (the default applies). */
export function assertOneOf<const Allowed extends readonly string[]>(
  value: unknown,
  allowed: Allowed,
  field: string,
): asserts value is Allowed[number] | undefined {
  if (value === undefined) return;
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw new InvalidInputError(`${field} must be one of ${allowed.map((entry) => `"${entry}"`).join(', ')}`);
  }
}

/** Throws InvalidInputError unless `value` is undefined or an integer within `[min, max]`. */
export function assertIntegerInRange(value: unknown, min: number, max: number, field: string): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidInputError(`${field} must be an integer from ${min} to ${max}`);
  }
}

/** Throws InvalidInputError unless `value` is a plain object (an input record). */
export function assertRecord(value: unknown, field: string): asserts value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidInputError(`${field} must be an object`);
  }
}
