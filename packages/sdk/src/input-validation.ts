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

/** Throws InvalidInputError unless `value` is a non-blank string (a required id or text). */
export function assertNonEmptyString(value: unknown, field: string): asserts value is string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InvalidInputError(`${field} must be a non-empty string`);
  }
}

/** Throws InvalidInputError unless `value` is a string, null or undefined (an optional id or text). */
export function assertOptionalString(
  value: unknown,
  field: string,
): asserts value is string | null | undefined {
  if (value !== undefined && value !== null && typeof value !== 'string') {
    throw new InvalidInputError(`${field} must be a string`);
  }
}

/** Throws InvalidInputError unless `value` is a plain object, null or undefined (optional metadata). */
export function assertOptionalRecord(
  value: unknown,
  field: string,
): asserts value is Record<string, unknown> | null | undefined {
  if (value !== undefined && value !== null) assertRecord(value, field);
}

/** Throws InvalidInputError unless `value` is a boolean or undefined (the default applies). */
export function assertOptionalBoolean(value: unknown, field: string): asserts value is boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean')
    throw new InvalidInputError(`${field} must be a boolean`);
}

/**
 * A timestamp for the wire: a `Date` becomes its ISO-8601 form, a string is sent
 * as given (the server checks it), null and undefined become null. Throws
 * InvalidInputError for an invalid `Date` or any other type.
 */
export function isoTimestampOrNull(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  throw new InvalidInputError(`${field} must be an ISO-8601 string or a valid Date`);
}
