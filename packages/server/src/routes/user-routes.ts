import { optionalExternalIdSchema } from '@engram/protocol';
import { z } from 'zod';
import type { EngramServices } from '../app/engram-services.js';
import { defineRoute, type RouteDefinition } from '../http/route-definition.js';

const profileResponseSchema = z.object({
  profile: z.object({
    attributes: z.record(
      z.string(),
      z.object({
        value: z.string(),
        confidence: z.number(),
        updated_at: z.string(),
        source_conversation_id: z.string().nullable(),
      }),
    ),
    overview: z.string(),
    extras: z.record(z.string(), z.unknown()),
    _meta: z.record(z.string(), z.unknown()),
  }),
});

/** `GET /v1/users/{user_id}/profile` (E14). */
export function userRoutes(services: EngramServices): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/v1/users/{user_id}/profile',
      operationId: 'getUserProfile',
      summary: "A user's profile built from their memories (404 until they have any; B2B needs customer_id).",
      tag: 'users',
      authenticated: true,
      params: z.object({ user_id: z.string().min(1).max(256) }),
      query: z.object({ customer_id: optionalExternalIdSchema }),
      response: profileResponseSchema,
      handle: ({ auth, params, query }) =>
        services.profiles.requireProfile(auth, params.user_id, query.customer_id),
    }),
  ];
}
