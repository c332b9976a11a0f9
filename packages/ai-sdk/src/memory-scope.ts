import type { UnifiedFetchInput } from '@engram/sdk';

/** Whose memories a tool or middleware reads and writes; at least one id should be set. */
export interface EngramScope {
  /** The end user (user scope). */
  userId?: string;
  /** The user's organisation (customer scope; required with `userId` on B2B instances). */
  customerId?: string;
  /** The conversation (a UUID): turns are recorded into it and its prompt-ready context is read. */
  conversationId?: string;
}

/** The unified fetch's id fields for `scope` (unset ids are left out). */
export function scopeFetchFields(
  scope: EngramScope,
): Pick<UnifiedFetchInput, 'user_id' | 'customer_id' | 'conversation_id'> {
  return {
    ...(scope.userId ? { user_id: scope.userId } : {}),
    ...(scope.customerId ? { customer_id: scope.customerId } : {}),
    ...(scope.conversationId ? { conversation_id: scope.conversationId } : {}),
  };
}
