import { type FetchScope, fetchDefaultsOf, shapeFetchResponse } from '@engram/core';
import {
  baseFetchRequestSchema,
  contextResponseSchema,
  conversationFetchRequestSchema,
} from '@engram/protocol';
import type { EngramServices } from '../app/engram-services.js';
import { defineRoute, type RouteDefinition } from '../http/route-definition.js';

const SUMMARIES: Readonly<Record<FetchScope, string>> = {
  conversation: "Memories for a registered conversation's user, plus the conversation's own context.",
  user: "A user's memories plus their customer's and the client's (narrower wins).",
  customer: "A customer's shared memories (never user-scoped ones), plus client memories by default.",
  client: 'Client-wide memories only.',
};

const CONFIGURABLE_FIELDS = {
  mode: baseFetchRequestSchema.shape.mode.unwrap().optional(),
  max_results: baseFetchRequestSchema.shape.max_results.unwrap().optional(),
};

/** The four scoped fetch interfaces (E3–E6). */
export function contextRoutes(services: EngramServices): RouteDefinition[] {
  return (['conversation', 'user', 'customer', 'client'] as const).map((scope) =>
    defineRoute({
      method: 'post',
      path: `/v1/context/${scope}/fetch`,
      operationId: `fetch${scope[0]?.toUpperCase()}${scope.slice(1)}Context`,
      summary: SUMMARIES[scope],
      tag: 'context',
      authenticated: true,
      // mode and max_results without wire defaults: the instance's configuration supplies them.
      body: (scope === 'conversation' ? conversationFetchRequestSchema : baseFetchRequestSchema).extend(
        CONFIGURABLE_FIELDS,
      ),
      response: contextResponseSchema,
      handle: async ({ auth, body, correlationId, signal }) => {
        const { document } = await services.instanceConfig.active(auth.instanceId);
        const response = await services.contextFetch.fetch(
          auth,
          scope,
          fetchDefaultsOf(body, document),
          correlationId,
          signal,
        );
        shapeFetchResponse(response, document, services.clock.now());
        return response;
      },
    }),
  );
}
