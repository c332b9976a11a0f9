import type { ContextResponse, EngramClient, FetchQueryFields } from '@engram/sdk';

/** The ids a tool call names; which are set decides the scope (spec §4). */
export interface ScopeIds {
  user_id?: string | undefined;
  customer_id?: string | undefined;
}

/** The scope a call is routed to: `user` when `user_id` is set, else `customer` when `customer_id` is, else `client`. */
export type RoutedScope = 'user' | 'customer' | 'client';

/** Synap's MCP routing rule, as data for the confirmation texts. */
export function routedScope(ids: ScopeIds): RoutedScope {
  if (ids.user_id) return 'user';
  if (ids.customer_id) return 'customer';
  return 'client';
}

/** Fetches context at the routed scope; a user fetch passes `customer_id` along (B2B needs it). */
export function fetchAtScope(
  client: EngramClient,
  ids: ScopeIds,
  fields: FetchQueryFields,
  signal?: AbortSignal,
): Promise<ContextResponse> {
  const options = signal ? { signal } : {};
  if (ids.user_id) {
    return client.user.context.fetch(
      { ...fields, user_id: ids.user_id, ...(ids.customer_id ? { customer_id: ids.customer_id } : {}) },
      options,
    );
  }
  if (ids.customer_id)
    return client.customer.context.fetch({ ...fields, customer_id: ids.customer_id }, options);
  return client.client.context.fetch(fields, options);
}
