import type { MemoryScope } from '../domain/memory.js';
import { scopeKeyOf } from '../domain/scope-key.js';
import type { FetchTarget } from './fetch-scope.js';

/** One scope partition a fetch reads. */
export interface PlannedScope {
  scope: MemoryScope;
  scopeKey: string;
}

/**
 * The partitions a fetch reads, narrowest first: `scopes[0]` wins over every
 * later entry when two memories say the same thing.
 */
export interface ScopePlan {
  scopes: PlannedScope[];
  /** The keys of `scopes`, in the same order: what every storage read is restricted to. */
  scopeKeys: string[];
}

/**
 * Which scope keys a fetch may read (spec §1.1: wider scopes are visible to
 * narrower ones, never the reverse), narrowest first:
 * - conversation: the conversation, then the user's keys below when a user is known;
 * - user: the user (keyed under its customer), the customer, the client;
 * - customer: the customer, then the client only when `includeClientContext`;
 *   never a user's key;
 * - client: the client only.
 * A key whose id is unknown is left out rather than guessed. Pure.
 */
export function planScopeKeys(target: FetchTarget): ScopePlan {
  const { instanceId, userId, customerId, conversationId } = target;
  const scopes: PlannedScope[] = [];
  const add = (
    scope: MemoryScope,
    ids: { customerId?: string; userId?: string; conversationId?: string },
  ) => {
    const scopeKey = scopeKeyOf(instanceId, scope, ids);
    if (!scopes.some((planned) => planned.scopeKey === scopeKey)) scopes.push({ scope, scopeKey });
  };
  const addCustomerAndClient = (includeClient: boolean) => {
    if (customerId !== undefined) add('customer', { customerId });
    if (includeClient) add('client', {});
  };
  switch (target.scope) {
    case 'conversation':
      if (conversationId !== undefined) add('conversation', { conversationId });
      if (userId !== undefined) add('user', { customerId, userId });
      addCustomerAndClient(true);
      break;
    case 'user':
      if (userId !== undefined) add('user', { customerId, userId });
      addCustomerAndClient(true);
      break;
    case 'customer':
      addCustomerAndClient(target.includeClientContext);
      break;
    case 'client':
      add('client', {});
      break;
  }
  return { scopes, scopeKeys: scopes.map((planned) => planned.scopeKey) };
}
