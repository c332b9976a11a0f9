import {
  baseFetchRequestSchema,
  conversationFetchRequestSchema,
  MAX_FETCH_RESULTS,
  MAX_QUERY_CHARS,
  MEMORY_LIST_KEYS,
  type MemoryItem,
  UUID_PATTERN,
  updateMemoryRequestSchema,
} from '@engram/protocol';
import { z } from 'zod';
import type { EngramServices } from '../../app/engram-services.js';
import { operatorAuthFor } from '../../console/operator-auth-context.js';
import { provenanceLines } from '../../console/provenance-lines.js';
import { defineRoute, type RouteDefinition } from '../../http/route-definition.js';
import { ADMIN_ROUTE } from '../admin/admin-route-support.js';
import { instanceParamsSchema, objectResponseSchema } from '../admin/admin-schemas.js';

const searchBodySchema = z
  .object({
    scope: z.enum(['client', 'customer', 'user', 'conversation']),
    user_id: z.string().min(1).max(200).optional(),
    customer_id: z.string().min(1).max(200).optional(),
    conversation_id: z.string().regex(UUID_PATTERN, 'conversation_id must be a UUID').optional(),
    query: z.string().trim().min(1, 'query must not be empty').max(MAX_QUERY_CHARS),
    mode: z.enum(['fast', 'accurate']).default('fast'),
    max_results: z.number().int().min(1).max(MAX_FETCH_RESULTS).default(20),
  })
  .refine((body) => body.scope !== 'conversation' || body.conversation_id !== undefined, {
    message: 'conversation_id is required for the conversation scope',
    path: ['conversation_id'],
  });

const memoryParamsSchema = instanceParamsSchema.extend({
  memory_id: z.string().regex(UUID_PATTERN, 'memory_id must be a UUID'),
});

/**
 * The console's memory browser: search one scope in `fast` or `accurate`
 * mode with each hit's score, one memory with its validity, entities and
 * source lines, and edit and delete. Search runs the same fetch as the
 * instance's own keys (same ranking, same cache invalidation); only the
 * credential differs.
 */
export function memoryConsoleRoutes(services: EngramServices): RouteDefinition[] {
  const base = '/admin/v1/instances/{instance_id}/memories';
  const common = { ...ADMIN_ROUTE, response: objectResponseSchema } as const;
  const detail = async (instanceId: string, memoryId: string) => {
    const auth = await operatorAuthFor(services, instanceId);
    const memory = await services.memories.get(auth, memoryId);
    const stored = await services.store.memories.getMemory(instanceId, memory.memory_id);
    const document = stored
      ? await services.store.memories.getDocument(instanceId, stored.sourceDocumentId)
      : undefined;
    const now = services.clock.now().toISOString();
    return {
      ...memory,
      user_id: stored?.owner.userId ?? null,
      customer_id: stored?.owner.customerId ?? null,
      conversation_id: stored?.owner.conversationId ?? null,
      superseded_by: stored?.supersededBy ?? null,
      valid_until: stored?.validUntil ?? null,
      validity: stored?.supersededBy
        ? 'superseded'
        : stored?.validUntil && stored.validUntil <= now
          ? 'expired'
          : 'current',
      provenance: document
        ? {
            document_id: document.documentId,
            document_type: document.documentType,
            document_created_at: document.documentCreatedAt,
            lines: provenanceLines(document.content, memory.source_evidence),
          }
        : null,
    };
  };
  return [
    defineRoute({
      ...common,
      method: 'post',
      path: `${base}/search`,
      operationId: 'searchInstanceMemories',
      summary:
        "Searches one scope of the instance (fast or accurate) and returns the hits best first, each with its relevance score; the same ranking as the instance's own fetch.",
      params: instanceParamsSchema,
      body: searchBodySchema,
      handle: async ({ params, body, correlationId, signal }) => {
        const auth = await operatorAuthFor(services, params.instance_id);
        const schema =
          body.scope === 'conversation' ? conversationFetchRequestSchema : baseFetchRequestSchema;
        const request = schema.parse({
          user_id: body.user_id,
          customer_id: body.customer_id,
          conversation_id: body.conversation_id,
          search_query: body.query,
          mode: body.mode,
          max_results: body.max_results,
          include_conversation_context: false,
          include_profile: false,
          include_client_context: body.scope === 'client',
        });
        const response = await services.contextFetch.fetch(auth, body.scope, request, correlationId, signal);
        const hits: MemoryItem[] = MEMORY_LIST_KEYS.flatMap((key) => response[key]);
        hits.sort((a, b) => b.relevance_score - a.relevance_score);
        return {
          mode: body.mode,
          scope: body.scope,
          query: body.query,
          query_time_ms: response.metadata.query_time_ms,
          results: hits,
        };
      },
    }),
    defineRoute({
      ...common,
      method: 'get',
      path: `${base}/{memory_id}`,
      operationId: 'getInstanceMemory',
      summary:
        "One memory with its type fields, validity, entities and provenance: the source document's lines, evidence lines marked.",
      params: memoryParamsSchema,
      handle: ({ params }) => detail(params.instance_id, params.memory_id),
    }),
    defineRoute({
      ...common,
      method: 'patch',
      path: `${base}/{memory_id}`,
      operationId: 'updateInstanceMemory',
      summary:
        'Rewrites a memory (replace, append or smart-merge) and re-indexes it, as PATCH /api/v1/memories does.',
      params: memoryParamsSchema,
      body: updateMemoryRequestSchema,
      handle: async ({ params, body }) => {
        const auth = await operatorAuthFor(services, params.instance_id);
        await services.memories.update(auth, params.memory_id, body);
        return detail(params.instance_id, params.memory_id);
      },
    }),
    defineRoute({
      ...common,
      method: 'delete',
      path: `${base}/{memory_id}`,
      operationId: 'deleteInstanceMemory',
      summary:
        'Deletes a memory with its vectors, text rows, entity links and edges (memory.deleted is published).',
      params: memoryParamsSchema,
      handle: async ({ params }) => {
        const auth = await operatorAuthFor(services, params.instance_id);
        return services.memories.delete(auth, params.memory_id);
      },
    }),
  ];
}
