import { z } from 'zod';

/**
 * Deepest nesting of objects and arrays accepted inside a free-form field
 * (`{}` is depth 1). Real metadata is a handful of levels; thousands of levels
 * overflow the stack of every recursive walker on the read path
 * (structuredClone, JSON.stringify), so such a value must never be stored.
 */
export const MAX_JSON_DEPTH = 32;
/** Largest free-form `metadata` object, in bytes of JSON. */
export const MAX_METADATA_BYTES = 64 * 1024;

/**
 * Depth of the deepest object or array in `value`, walked with an explicit
 * stack so that a hostile value cannot overflow the call stack here; stops
 * counting once `limit` is passed (returns `limit + 1`).
 */
export function jsonDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (pending.length > 0) {
    const { value: current, depth } = pending.pop() as { value: unknown; depth: number };
    if (current === null || typeof current !== 'object') continue;
    const here = depth + 1;
    if (here > deepest) deepest = here;
    if (deepest > limit) return deepest;
    for (const child of Object.values(current as object)) {
      if (child !== null && typeof child === 'object') pending.push({ value: child, depth: here });
    }
  }
  return deepest;
}

/** Bytes of `value` as UTF-8 JSON; only call once {@link jsonDepth} has bounded it. */
function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value ?? null);
  // TextEncoder rather than Buffer: this package also runs in browsers.
  return text === undefined ? 0 : new TextEncoder().encode(text).length;
}

/** Limits of one free-form field; its name goes into the 422 message. */
export interface JsonBounds {
  field: string;
  maxBytes: number;
  maxDepth?: number;
}

/**
 * Adds depth and size checks to a free-form schema, depth first (so the size
 * is only measured on a value JSON.stringify can walk). The issues name the
 * field and its limit, never the value.
 */
export function boundJson<Schema extends z.ZodType>(schema: Schema, bounds: JsonBounds) {
  const maxDepth = bounds.maxDepth ?? MAX_JSON_DEPTH;
  return schema.superRefine((value, context) => {
    if (value === null || value === undefined) return;
    if (jsonDepth(value, maxDepth) > maxDepth) {
      context.addIssue({
        code: 'custom',
        message: `${bounds.field} is nested more than ${maxDepth} levels deep`,
      });
      return;
    }
    if (jsonBytes(value) > bounds.maxBytes) {
      context.addIssue({
        code: 'custom',
        message: `${bounds.field} is at most ${bounds.maxBytes} bytes of JSON`,
      });
    }
  });
}

/** A bounded free-form JSON value of any type (a field that is stored verbatim). */
export function boundedJsonValue(bounds: JsonBounds) {
  return boundJson(z.unknown(), bounds);
}

/** A bounded free-form object (`metadata` and the like). */
export function boundedJsonObject(bounds: JsonBounds) {
  return boundJson(z.record(z.string(), z.unknown()), bounds);
}
