import { EngramError, isEngramError } from '@engram/core';
import type { Logger } from '../logger.js';
import { httpStatusOf } from './error-status.js';

/** A wire error: status, `{"detail": ...}` body (plus a stable `code`), and headers. */
export interface WireError {
  status: number;
  body: { detail: string | { code: string; message: string }; code: string };
  headers: Record<string, string>;
}

/**
 * Maps any thrown value to the Synap error shape. EngramErrors keep their
 * code's status; 409s carry a structured `detail` (the SDK reads
 * `detail.code`, e.g. "transcript_conflict"); 429 gets an integer
 * Retry-After (a date would crash the Python SDK). Anything else is a 500
 * whose message reveals nothing; it is logged with the correlation id.
 */
export function toWireError(error: unknown, correlationId: string, logger: Logger): WireError {
  const engramError = isEngramError(error)
    ? error
    : new EngramError('INTERNAL', 'internal server error', { cause: error });
  const status = httpStatusOf(engramError.code);
  if (status >= 500) {
    logger.error('request-failed', {
      correlation_id: correlationId,
      code: engramError.code,
      error: describeCause(isEngramError(error) ? (error.cause ?? error) : error),
    });
  }
  const headers: Record<string, string> = {};
  if (status === 429)
    headers['Retry-After'] = String(Math.max(1, Math.ceil(engramError.retryAfterSeconds ?? 1)));
  const code = engramError.code;
  const { wireCode, ...details } = engramError.details;
  const detail =
    status === 409
      ? { ...details, code: String(wireCode ?? code.toLowerCase()), message: engramError.message }
      : engramError.message;
  return { status, body: { detail: detail as WireError['body']['detail'], code }, headers };
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) return `${cause.name}: ${cause.message}`;
  return String(cause);
}
