import { EngramError } from '@engram/core';
import { z } from 'zod';
import type { EngramServices } from '../../app/engram-services.js';
import { defineRoute, type RouteDefinition } from '../../http/route-definition.js';
import { ADMIN_ROUTE, requireInstance } from '../admin/admin-route-support.js';
import { instanceParamsSchema, objectResponseSchema } from '../admin/admin-schemas.js';

const createInstanceSchema = z.object({
  name: z.string().trim().min(1, 'name must not be empty').max(200),
  relationship: z.enum(['b2c', 'b2b'], { message: 'relationship must be "b2c" or "b2b"' }),
});

/**
 * `/admin/v1/instances…` for the console: instances with their key
 * prefixes and usage counts, instance creation, and key creation and
 * revocation. A key is shown whole only in the answer that creates it.
 */
export function instanceConsoleRoutes(services: EngramServices): RouteDefinition[] {
  const tenancy = services.store.tenancy;
  const consoleStore = services.store.operatorConsole;
  const common = { ...ADMIN_ROUTE, response: objectResponseSchema } as const;
  const keysOf = async (instanceId: string) =>
    (await tenancy.listApiKeys(instanceId)).map((key) => ({
      key_id: key.keyId,
      key_prefix: key.prefix,
      created_at: key.createdAt,
      revoked_at: key.revokedAt,
    }));
  const instanceBody = async (instanceId: string) => {
    const instance = await tenancy.getInstance(instanceId);
    if (!instance) throw new EngramError('NOT_FOUND', 'instance not found');
    const usage = await consoleStore.usageOf(instanceId);
    return {
      instance_id: instance.instanceId,
      client_id: instance.clientId,
      name: instance.name,
      relationship: instance.relationship,
      created_at: instance.createdAt,
      keys: await keysOf(instanceId),
      usage,
    };
  };
  return [
    defineRoute({
      ...common,
      method: 'get',
      path: '/admin/v1/instances',
      operationId: 'listInstances',
      summary: 'Every instance, oldest first, with its relationship, key prefixes and usage counts.',
      handle: async () => ({
        instances: await Promise.all(
          (await tenancy.listInstances()).map((instance) => instanceBody(instance.instanceId)),
        ),
      }),
    }),
    defineRoute({
      ...common,
      method: 'post',
      path: '/admin/v1/instances',
      operationId: 'createInstance',
      summary: 'Creates an instance (and its client) with a first API key, shown only in this answer.',
      body: createInstanceSchema,
      handle: async ({ body }) => services.tenancy.createInstance(body),
    }),
    defineRoute({
      ...common,
      method: 'get',
      path: '/admin/v1/instances/{instance_id}',
      operationId: 'getInstance',
      summary: 'One instance with its keys (prefixes only), usage counts and known users and customers.',
      params: instanceParamsSchema,
      query: z.object({ owners_limit: z.coerce.number().int().min(1).max(1000).default(200) }),
      handle: async ({ params, query }) => {
        const body = await instanceBody(params.instance_id);
        const owners = await consoleStore.listOwners(params.instance_id, query.owners_limit);
        return {
          ...body,
          owners: owners.map((owner) => ({
            customer_id: owner.customerId ?? null,
            user_id: owner.userId ?? null,
            conversations: owner.conversations,
            memories: owner.memories,
          })),
        };
      },
    }),
    defineRoute({
      ...common,
      method: 'post',
      path: '/admin/v1/instances/{instance_id}/keys',
      operationId: 'createInstanceKey',
      summary: 'Adds an API key to the instance; the key is shown only in this answer.',
      params: instanceParamsSchema,
      handle: async ({ params }) => services.tenancy.createApiKey(params.instance_id),
    }),
    defineRoute({
      ...common,
      method: 'delete',
      path: '/admin/v1/instances/{instance_id}/keys/{key_id}',
      operationId: 'revokeInstanceKey',
      summary: 'Revokes one key of the instance (effective on its next request); 404 unless it is live.',
      params: instanceParamsSchema.extend({ key_id: z.string().min(1).max(100) }),
      handle: async ({ params }) => {
        await requireInstance(services, params.instance_id);
        const revokedAt = services.clock.now().toISOString();
        if (!(await consoleStore.revokeApiKey(params.instance_id, params.key_id, revokedAt))) {
          throw new EngramError('NOT_FOUND', 'no live key with this id in this instance');
        }
        return { key_id: params.key_id, revoked_at: revokedAt };
      },
    }),
  ];
}
