import { type AuthContext, EngramError } from '@engram/core';
import type { EngramServices } from '../app/engram-services.js';

/** The key id recorded for work the operator console does on an instance's behalf. */
export const OPERATOR_KEY_ID = 'operator-console';

/**
 * The caller the instance-scoped services expect, for an operator acting on
 * one instance (NOT_FOUND when it does not exist). The services then apply
 * the same scoping as for the instance's own keys, so the console can never
 * reach another instance's rows.
 */
export async function operatorAuthFor(services: EngramServices, instanceId: string): Promise<AuthContext> {
  const instance = await services.store.tenancy.getInstance(instanceId);
  if (!instance) throw new EngramError('NOT_FOUND', 'instance not found');
  return {
    clientId: instance.clientId,
    instanceId: instance.instanceId,
    relationship: instance.relationship,
    keyId: OPERATOR_KEY_ID,
    keyPrefix: OPERATOR_KEY_ID,
  };
}
