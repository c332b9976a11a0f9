import { healthResponseSchema, whoamiResponseSchema } from '@engram/protocol';
import { defineRoute, type RouteDefinition } from '../http/route-definition.js';
import { ENGRAM_VERSION } from '../version.js';

/** `GET /health` (unauthenticated keep-alive) and `GET /api/v1/auth/whoami`. */
export function systemRoutes(): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/health',
      operationId: 'health',
      summary: 'Liveness probe; unauthenticated, used by the SDK as a keep-alive.',
      tag: 'system',
      authenticated: false,
      response: healthResponseSchema,
      handle: async () => ({ status: 'ok', service: 'engram', version: ENGRAM_VERSION }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/auth/whoami',
      operationId: 'whoami',
      summary: 'The client and instance the bearer key resolves to.',
      tag: 'auth',
      authenticated: true,
      response: whoamiResponseSchema,
      handle: async ({ auth }) => ({
        client_id: auth.clientId,
        instance_id: auth.instanceId,
        relationship: auth.relationship,
        key_prefix: auth.keyPrefix,
      }),
    }),
  ];
}
