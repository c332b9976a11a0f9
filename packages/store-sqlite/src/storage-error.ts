import { EngramError } from '@engram/core';

/** SQLite result codes (extended) that mean "this row already exists". */
const UNIQUE_CODES = new Set(['SQLITE_CONSTRAINT_PRIMARYKEY', 'SQLITE_CONSTRAINT_UNIQUE']);
/** Primary codes after which the same write may succeed later (lock, disk, I/O). */
const TRANSIENT_PREFIXES = ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_READONLY'];

/** The `code` better-sqlite3 puts on its SqliteError (e.g. `SQLITE_CONSTRAINT_UNIQUE`); undefined for other errors. */
export function sqliteCodeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

/**
 * Maps an error thrown by a write to the error model, precisely: CONFLICT
 * (409, with `conflictMessage`) only for a real primary-key or unique
 * violation; STORE_UNAVAILABLE (503, retryable) for a busy, locked, full or
 * failing database; INTERNAL (500) for anything else, a foreign-key or
 * NOT NULL failure included, since those are our bugs, not the caller's.
 * The cause is kept for the log; the message never holds row content.
 */
export function storageError(error: unknown, conflictMessage: string): EngramError {
  if (error instanceof EngramError) return error;
  const code = sqliteCodeOf(error);
  if (code !== undefined && UNIQUE_CODES.has(code)) {
    return new EngramError('CONFLICT', conflictMessage, { cause: error });
  }
  if (code !== undefined && TRANSIENT_PREFIXES.some((prefix) => code.startsWith(prefix))) {
    return new EngramError('STORE_UNAVAILABLE', 'the database is busy or unavailable; retry later', {
      cause: error,
    });
  }
  return new EngramError('INTERNAL', 'the write could not be stored', { cause: error });
}

/**
 * JSON text of a value bound for a TEXT column. A value JSON cannot encode
 * (a cycle, a BigInt, nesting past the stack) is the caller's input, not a
 * conflict: INVALID_INPUT (422).
 */
export function storableJson(value: unknown, what: string): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    throw new EngramError('INVALID_INPUT', `${what} cannot be stored: it is not encodable as JSON`, {
      cause: error,
    });
  }
}
