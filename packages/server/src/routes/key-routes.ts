import { bootstrapKeyRequestSchema, bootstrapKeyResponseSchema } from '@engram/protocol';
import type { EngramServices } from '../app/engram-services.js';
import { defineRoute, type RouteDefinition } from '../http/route-definition.js';

/**
 * `POST /api/v1/keys/bootstrap` (spec §5, optional): a first-run deployment
 * exchanges the one-time token an operator made with
 * `engram keys bootstrap-token` for an API key. Unauthenticated: the token
 * is the credential, and it works once.
 */
export function keyRoutes(services: EngramServices): RouteDefinition[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/v1/keys/bootstrap',
      operationId: 'bootstrapApiKey',
      summary:
        'Exchange a one-time bootstrap token (engram keys bootstrap-token) for an API key of its instance; 401 when it is unknown, used or expired.',
      tag: 'auth',
      authenticated: false,
      body: bootstrapKeyRequestSchema,
      response: bootstrapKeyResponseSchema,
      handle: ({ body }) => services.tenancy.redeemBootstrapToken(body.bootstrap_token, body.instance_id),
    }),
  ];
}
