import { newCorrelationId } from '@engram/core';
import type { Context } from 'hono';

const SAFE_CORRELATION_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/**
 * The caller's `X-Correlation-ID` when it is a safe token (it is echoed into
 * logs and headers), else a new one in the Synap form.
 */
export function correlationIdFor(header: string | undefined, instanceId = 'engram'): string {
  if (header && SAFE_CORRELATION_ID.test(header)) return header;
  return newCorrelationId(instanceId);
}

/**
 * Gives the request its correlation id: the `correlationId` variable the
 * handlers log with and the `X-Correlation-ID` header of its answer, kept in
 * step. Call it before the answer exists: Hono merges headers set then into
 * the response the handler builds, while a header set on a finished response
 * makes Hono rebuild it as a streamed web Response (several per cent of a
 * fetch's server CPU in profiles).
 */
export function assignCorrelationId(c: Context, correlationId: string): void {
  c.set('correlationId', correlationId);
  c.header('X-Correlation-ID', correlationId);
}
