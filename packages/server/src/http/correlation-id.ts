import { newCorrelationId } from '@engram/core';

const SAFE_CORRELATION_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/**
 * The caller's `X-Correlation-ID` when it is a safe token (it is echoed into
 * logs and headers), else a new one in the Synap form.
 */
export function correlationIdFor(header: string | undefined, instanceId = 'engram'): string {
  if (header && SAFE_CORRELATION_ID.test(header)) return header;
  return newCorrelationId(instanceId);
}
