import { EngramError } from '@engram/core';

/** SQLSTATE classes after which the same statement may succeed later. */
const TRANSIENT_CLASSES = ['08', '53', '57', '40'];
/** Node socket errors meaning the server is not reachable (down, restarting, wrong port). */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EPIPE',
  'ETIMEDOUT',
  'ENOENT',
]);

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Messages pg itself throws (no code) when a connection cannot be had or is lost. */
function isDriverConnectionFailure(error: unknown): boolean {
  if (!(error instanceof Error) || codeOf(error) !== undefined) return false;
  return /timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error|Cannot use a pool after calling end/i.test(
    error.message,
  );
}

/**
 * Maps a driver error to the error model: CONFLICT (409, `conflictMessage`)
 * for a unique violation (SQLSTATE 23505); STORE_UNAVAILABLE (503,
 * retryable) for a server that is unreachable, shutting down, out of
 * connections or resources, or a serialization failure or deadlock (class
 * 40); INTERNAL (500) otherwise. The message never holds row content; the
 * cause is kept for the log.
 */
export function postgresError(error: unknown, conflictMessage: string): EngramError {
  if (error instanceof EngramError) return error;
  const code = codeOf(error);
  if (code === '23505') return new EngramError('CONFLICT', conflictMessage, { cause: error });
  if (
    (code !== undefined &&
      (UNREACHABLE_CODES.has(code) || (code.length === 5 && TRANSIENT_CLASSES.includes(code.slice(0, 2))))) ||
    isDriverConnectionFailure(error)
  ) {
    return new EngramError('STORE_UNAVAILABLE', 'the database is unavailable; retry later', { cause: error });
  }
  if (code === '22P02' || code === '22021' || code === '54000') {
    // Bad text encoding (a NUL byte) or a value too large: the caller's input.
    return new EngramError('INVALID_INPUT', 'a value cannot be stored in the database', { cause: error });
  }
  return new EngramError('INTERNAL', 'the database operation failed', { cause: error });
}
