import { CONFIG_MEMORY_TYPES, EngramError } from '@engram/core';
import { z } from 'zod';
import { adminMemoryBody } from '../../admin/wire-shapes.js';
import type { EngramServices } from '../../app/engram-services.js';
import { defineRoute, type RouteDefinition } from '../../http/route-definition.js';
import { ADMIN_ROUTE, requireInstance } from './admin-route-support.js';
import { instanceParamsSchema, objectResponseSchema } from './admin-schemas.js';

const isoInstant = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time' });

const listQuerySchema = z.object({
  user_id: z.string().optional(),
  customer_id: z.string().optional(),
  conversation_id: z.string().toLowerCase().optional(),
  scope: z.enum(['client', 'customer', 'user', 'conversation']).optional(),
  /** Comma-separated memory types. */
  types: z
    .string()
    .optional()
    .transform((value) => value?.split(',').map((type) => type.trim()))
    .pipe(z.array(z.enum(CONFIG_MEMORY_TYPES)).optional()),
  from: isoInstant.optional(),
  to: isoInstant.optional(),
  validity: z.enum(['current', 'superseded', 'expired', 'all']).default('all'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** `/admin/v1/instances/{id}/memories…`: listing with filters and cursors, and one memory's history. */
export function memoryAdminRoutes(services: EngramServices): RouteDefinition[] {
  const admin = services.store.memoryAdmin;
  const base = '/admin/v1/instances/{instance_id}/memories';
  const common = { ...ADMIN_ROUTE, response: objectResponseSchema } as const;
  return [
    defineRoute({
      ...common,
      method: 'get',
      path: base,
      operationId: 'listInstanceMemories',
      summary:
        'Memories newest first, filtered by owner, type, extraction time and validity; cursor-paginated.',
      params: instanceParamsSchema,
      query: listQuerySchema,
      handle: async ({ params, query }) => {
        await requireInstance(services, params.instance_id);
        const page = await admin.listMemories({
          instanceId: params.instance_id,
          validity: query.validity,
          now: services.clock.now().toISOString(),
          limit: query.limit,
          ...definedOnly({
            userId: query.user_id,
            customerId: query.customer_id,
            conversationId: query.conversation_id,
            scope: query.scope,
            types: query.types,
            from: query.from,
            to: query.to,
            cursor: query.cursor,
          }),
        });
        return { memories: page.memories.map(adminMemoryBody), next_cursor: page.nextCursor ?? null };
      },
    }),
    defineRoute({
      ...common,
      method: 'get',
      path: `${base}/{memory_id}/history`,
      operationId: 'getMemoryHistory',
      summary: 'The supersession chain through a memory, oldest first, with the memory itself marked.',
      params: instanceParamsSchema.extend({ memory_id: z.string().min(1) }),
      handle: async ({ params }) => {
        const memoryId = params.memory_id.toLowerCase();
        const chain = await admin.supersessionChain(params.instance_id, memoryId);
        if (chain.length === 0) throw new EngramError('NOT_FOUND', `no memory with id ${params.memory_id}`);
        return {
          memory_id: memoryId,
          versions: chain.map((memory) => ({
            ...adminMemoryBody(memory),
            is_requested: memory.memoryId === memoryId,
            status: memory.supersededBy ? 'superseded' : 'current',
          })),
        };
      },
    }),
  ];
}

function definedOnly<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
