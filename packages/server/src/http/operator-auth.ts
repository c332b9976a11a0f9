import { createHash, timingSafeEqual } from 'node:crypto';
import { EngramError } from '@engram/core';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Checks `Authorization: Bearer <operator key>`. Compares SHA-256 digests in
 * constant time, so neither the key's content nor its length leaks through
 * timing. With no operator key configured every caller is refused: the
 * admin routes are off, not open.
 */
export function requireOperator(header: string | undefined, operatorKey: string | undefined): void {
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
  if (
    operatorKey === undefined ||
    presented === undefined ||
    !timingSafeEqual(digest(presented), digest(operatorKey))
  ) {
    throw new EngramError('UNAUTHENTICATED', 'a valid operator key is required for /admin routes');
  }
}
