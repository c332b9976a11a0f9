import { randomBytes } from 'node:crypto';
import { EngramError, newUuidV7, WEBHOOK_EVENT_TYPES } from '@engram/core';
import { z } from 'zod';
import { deliveryBody, endpointBody } from '../../admin/wire-shapes.js';
import type { EngramServices } from '../../app/engram-services.js';
import { defineRoute, type RouteDefinition } from '../../http/route-definition.js';
import { ADMIN_ROUTE, requireInstance } from './admin-route-support.js';
import { instanceParamsSchema, objectResponseSchema } from './admin-schemas.js';

const createBodySchema = z.object({
  url: z.url({ protocol: /^https?$/, message: 'url must be an http or https URL' }),
  events: z
    .array(z.enum(WEBHOOK_EVENT_TYPES, { message: `events must be among ${WEBHOOK_EVENT_TYPES.join(', ')}` }))
    .min(1, 'events needs at least one event type'),
  description: z.string().max(500).default(''),
});

const deliveriesQuerySchema = z.object({
  endpoint_id: z.string().optional(),
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** `/admin/v1/instances/{id}/webhooks…`: endpoints, the delivery log and redelivery. */
export function webhookAdminRoutes(services: EngramServices): RouteDefinition[] {
  const store = services.store.webhooks;
  const base = '/admin/v1/instances/{instance_id}/webhooks';
  const common = { ...ADMIN_ROUTE, response: objectResponseSchema } as const;
  return [
    defineRoute({
      ...common,
      method: 'post',
      path: base,
      operationId: 'createWebhookEndpoint',
      summary: 'Registers an endpoint for some events; the answer holds its signing secret, shown only here.',
      params: instanceParamsSchema,
      body: createBodySchema,
      handle: async ({ params, body }) => {
        await requireInstance(services, params.instance_id);
        const endpoint = {
          endpointId: `whe_${newUuidV7().replaceAll('-', '')}`,
          instanceId: params.instance_id,
          url: body.url,
          events: [...new Set(body.events)],
          secret: `whsec_${randomBytes(24).toString('base64url')}`,
          description: body.description,
          createdAt: services.clock.now().toISOString(),
        };
        await store.createEndpoint(endpoint);
        return endpointBody(endpoint, true);
      },
    }),
    defineRoute({
      ...common,
      method: 'get',
      path: base,
      operationId: 'listWebhookEndpoints',
      summary: "The instance's endpoints (without secrets).",
      params: instanceParamsSchema,
      handle: async ({ params }) => {
        await requireInstance(services, params.instance_id);
        return {
          endpoints: (await store.listEndpoints(params.instance_id)).map((e) => endpointBody(e, false)),
        };
      },
    }),
    defineRoute({
      ...common,
      method: 'delete',
      path: `${base}/{endpoint_id}`,
      operationId: 'deleteWebhookEndpoint',
      summary: 'Removes an endpoint and its queued deliveries.',
      params: instanceParamsSchema.extend({ endpoint_id: z.string().min(1) }),
      handle: async ({ params }) => {
        if (!(await store.deleteEndpoint(params.instance_id, params.endpoint_id))) {
          throw new EngramError('NOT_FOUND', 'webhook endpoint not found');
        }
        return { endpoint_id: params.endpoint_id, deleted: true };
      },
    }),
    defineRoute({
      ...common,
      method: 'get',
      path: `${base}/deliveries`,
      operationId: 'listWebhookDeliveries',
      summary: 'The delivery log, newest first: status, attempts, last error.',
      params: instanceParamsSchema,
      query: deliveriesQuerySchema,
      handle: async ({ params, query }) => {
        await requireInstance(services, params.instance_id);
        const deliveries = await store.listDeliveries(params.instance_id, {
          limit: query.limit,
          ...(query.endpoint_id !== undefined && { endpointId: query.endpoint_id }),
          ...(query.status !== undefined && { status: query.status }),
        });
        return { deliveries: deliveries.map(deliveryBody) };
      },
    }),
    defineRoute({
      ...common,
      method: 'post',
      path: `${base}/deliveries/{delivery_id}/redeliver`,
      operationId: 'redeliverWebhook',
      summary: 'Queues a delivery again now (same event id, so receivers still de-duplicate).',
      params: instanceParamsSchema.extend({ delivery_id: z.string().min(1) }),
      handle: async ({ params }) => {
        const now = services.clock.now().toISOString();
        if (!(await store.redeliver(params.instance_id, params.delivery_id, now))) {
          throw new EngramError('NOT_FOUND', 'webhook delivery not found');
        }
        services.webhookDispatcher.wake();
        return deliveryBody((await store.getDelivery(params.instance_id, params.delivery_id)) as never);
      },
    }),
  ];
}
