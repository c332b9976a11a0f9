import { EngramError } from '@engram/core';
import type { EngramServices } from '../../app/engram-services.js';

/**
 * What every `/admin/v1/...` route shares: the `admin` tag and the operator
 * key (never an instance API key) as its only credential.
 */
export const ADMIN_ROUTE = { tag: 'admin', authenticated: true, operator: true } as const;

/** Throws NOT_FOUND (404) unless the instance exists; admin routes name instances by id. */
export async function requireInstance(services: EngramServices, instanceId: string): Promise<void> {
  if (!(await services.store.tenancy.getInstance(instanceId))) {
    throw new EngramError('NOT_FOUND', 'instance not found');
  }
}
