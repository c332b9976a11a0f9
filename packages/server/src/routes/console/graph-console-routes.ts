import { EngramError, resolvePeople, scopeKeyOf } from '@engram/core';
import { z } from 'zod';
import type { EngramServices } from '../../app/engram-services.js';
import { operatorAuthFor } from '../../console/operator-auth-context.js';
import { defineRoute, type RouteDefinition } from '../../http/route-definition.js';
import { ADMIN_ROUTE } from '../admin/admin-route-support.js';
import { instanceParamsSchema, objectResponseSchema } from '../admin/admin-schemas.js';

/** `/admin/v1/instances/{id}/graph`: one user's (or customer's) entities and the edges among them. */
export function graphConsoleRoutes(services: EngramServices): RouteDefinition[] {
  return [
    defineRoute({
      ...ADMIN_ROUTE,
      response: objectResponseSchema,
      method: 'get',
      path: '/admin/v1/instances/{instance_id}/graph',
      operationId: 'getEntityGraph',
      summary:
        'The entity graph of a user (user_id, with customer_id on B2B) or of a customer alone: entities, most mentioned first, and the edges between them with the memory that states each.',
      params: instanceParamsSchema,
      query: z
        .object({
          user_id: z.string().min(1).max(200).optional(),
          customer_id: z.string().min(1).max(200).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(150),
        })
        .refine((query) => query.user_id !== undefined || query.customer_id !== undefined, {
          message: 'give user_id or customer_id',
        }),
      handle: async ({ params, query }) => {
        const auth = await operatorAuthFor(services, params.instance_id);
        const people = resolvePeople(auth, { userId: query.user_id, customerId: query.customer_id });
        if (auth.relationship === 'b2b' && people.userId !== undefined && people.customerId === undefined) {
          throw new EngramError('BAD_REQUEST', 'a user of a B2B instance is named with its customer_id');
        }
        const scope = people.userId !== undefined ? 'user' : 'customer';
        const scopeKey = scopeKeyOf(params.instance_id, scope, people);
        const graph = await services.store.operatorConsole.graphOfScope(scopeKey, query.limit);
        return {
          scope,
          user_id: people.userId ?? null,
          customer_id: people.customerId ?? null,
          entities: graph.entities.map((entity) => ({
            entity_id: entity.entityId,
            canonical_name: entity.canonicalName,
            type: entity.type,
            aliases: entity.aliases,
            mention_count: entity.mentionCount,
          })),
          edges: graph.edges.map((edge) => ({
            edge_id: edge.edgeId,
            subject_entity_id: edge.subjectEntityId,
            relation: edge.relation,
            object_entity_id: edge.objectEntityId,
            memory_id: edge.memoryId,
          })),
        };
      },
    }),
  ];
}
