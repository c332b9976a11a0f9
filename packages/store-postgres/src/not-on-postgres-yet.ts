import { EngramError } from '@engram/core';

/**
 * A stand-in for a store port not built on PostgreSQL yet: any method call
 * fails with INTERNAL naming the port, so a missing part is a loud error at
 * the first use, never a silent no-op. Replaced port by port.
 */
export function notOnPostgresYet<Port extends object>(port: string): Port {
  return new Proxy({} as Port, {
    get(_target, property) {
      if (typeof property === 'symbol' || property === 'then') return undefined;
      return () =>
        Promise.reject(
          new EngramError('INTERNAL', `${port}.${String(property)} is not implemented on PostgreSQL yet`),
        );
    },
  });
}
