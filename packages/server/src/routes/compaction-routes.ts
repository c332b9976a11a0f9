import {
  compactedQuerySchema,
  compactionResponseSchema,
  compactionStatusResponseSchema,
  compactionTriggerResponseSchema,
  compactRequestSchema,
} from '@engram/protocol';
import type { EngramServices } from '../app/engram-services.js';
import { defineRoute, type RouteDefinition } from '../http/route-definition.js';
import { conversationPathSchema } from './conversation-routes.js';

/** Compaction of a conversation: trigger (E10), read a version (E11), status (E12). */
export function compactionRoutes(services: EngramServices): RouteDefinition[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/conversations/compact',
      operationId: 'compactConversation',
      summary:
        'Queue a compaction (409 while one runs; with nothing new and no force, the latest compaction stands).',
      tag: 'compaction',
      authenticated: true,
      body: compactRequestSchema,
      response: compactionTriggerResponseSchema,
      handle: ({ auth, body }) => services.compaction.trigger(auth, body),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/conversations/{conversation_id}/compacted',
      operationId: 'getCompacted',
      summary:
        'The latest (or a given version of the) compaction, rendered as structured, narrative or injection.',
      tag: 'compaction',
      authenticated: true,
      params: conversationPathSchema,
      query: compactedQuerySchema,
      response: compactionResponseSchema,
      handle: ({ auth, params, query, correlationId }) =>
        services.compaction.getCompacted(auth, params.conversation_id, {
          format: query.format,
          version: query.version,
          correlationId,
        }),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/conversations/{conversation_id}/compaction/status',
      operationId: 'getCompactionStatus',
      summary: 'Where compaction stands: none, in_progress, completed or failed.',
      tag: 'compaction',
      authenticated: true,
      params: conversationPathSchema,
      response: compactionStatusResponseSchema,
      handle: ({ auth, params }) => services.compaction.status(auth, params.conversation_id),
    }),
  ];
}
