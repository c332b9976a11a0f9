import { EngramError, formatValidationIssues } from '@engram/core';
import type { z } from 'zod';

/**
 * Parses and validates a JSON body read as text. Malformed JSON is a 400
 * (BAD_REQUEST); a body that parses but breaks the schema is a 422
 * (INVALID_INPUT) whose detail names each bad field. Size limits are
 * enforced while reading (see request-body.ts).
 */
export function parseJsonBody<Schema extends z.ZodType>(text: string, schema: Schema): z.output<Schema> {
  // The Content-Type is not checked: the body is JSON or it is rejected as
  // such, and hand-written curl calls often omit the header.
  if (text.trim() === '')
    throw new EngramError('BAD_REQUEST', 'the request body is empty; a JSON object is required');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new EngramError('BAD_REQUEST', 'the request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EngramError('INVALID_INPUT', 'the request body must be a JSON object');
  }
  return validate(schema, value, '');
}

/** Validates `value` against `schema`, throwing INVALID_INPUT with a readable detail. */
export function validate<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  prefix: string,
): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new EngramError('INVALID_INPUT', formatValidationIssues(parsed.error, prefix));
  return parsed.data;
}
