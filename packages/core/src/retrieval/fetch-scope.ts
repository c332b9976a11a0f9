import type { MemoryScope } from '../domain/memory.js';

/** Which scoped fetch route was called. */
export type FetchScope = MemoryScope;

/**
 * The resolved target of a fetch: which instance, and the people and
 * conversation it is anchored on. Retrieval reads only what this allows.
 */
export interface FetchTarget {
  scope: FetchScope;
  instanceId: string;
  clientId: string;
  userId: string | undefined;
  customerId: string | undefined;
  conversationId: string | undefined;
  /** Customer fetch: also read client-scoped memories (default true). */
  includeClientContext: boolean;
}
