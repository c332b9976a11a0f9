import type { ErasureReport } from '@engram/core';
import { z } from 'zod';
import type { EngramServices } from '../../app/engram-services.js';
import { defineRoute, type RouteDefinition } from '../../http/route-definition.js';
import { ADMIN_ROUTE, requireInstance } from './admin-route-support.js';
import { instanceParamsSchema, objectResponseSchema } from './admin-schemas.js';

const externalId = z.string().min(1).max(256);

/**
 * `DELETE /admin/v1/instances/{id}/users/{user_id}` and `…/customers/{customer_id}`:
 * everything of a user or a customer erased (GDPR), with the cascades of
 * {@link ErasureService.eraseSubject}: memories with their vectors, full-text
 * rows and entity links, entities only they used, documents, conversations
 * and turns, compactions, job payloads and results, extraction cursors, and
 * cached fetch results of their scopes. Idempotent: a second call erases
 * nothing and answers zeros.
 */
export function erasureAdminRoutes(services: EngramServices): RouteDefinition[] {
  const base = '/admin/v1/instances/{instance_id}';
  const common = { ...ADMIN_ROUTE, method: 'delete', response: objectResponseSchema } as const;
  return [
    defineRoute({
      ...common,
      path: `${base}/users/{user_id}`,
      operationId: 'eraseUser',
      summary: 'Erases everything of a user (on B2B instances, `customer_id` narrows it to one customer).',
      params: instanceParamsSchema.extend({ user_id: externalId }),
      query: z.object({ customer_id: externalId.optional() }),
      handle: async ({ params, query }) => {
        await requireInstance(services, params.instance_id);
        const report = await services.erasure.eraseSubject(params.instance_id, {
          userId: params.user_id,
          ...(query.customer_id !== undefined && { customerId: query.customer_id }),
        });
        return erasureBody(params.instance_id, report);
      },
    }),
    defineRoute({
      ...common,
      path: `${base}/customers/{customer_id}`,
      operationId: 'eraseCustomer',
      summary: 'Erases everything of a customer: its own memories and those of every user under it.',
      params: instanceParamsSchema.extend({ customer_id: externalId }),
      handle: async ({ params }) => {
        await requireInstance(services, params.instance_id);
        const report = await services.erasure.eraseSubject(params.instance_id, {
          customerId: params.customer_id,
        });
        return erasureBody(params.instance_id, report);
      },
    }),
  ];
}

function erasureBody(instanceId: string, report: ErasureReport): Record<string, unknown> {
  return {
    instance_id: instanceId,
    memories_erased: report.memories,
    documents_erased: report.documents,
    conversations_erased: report.conversations,
  };
}
