import type { AuthContext } from '@engram/core';
import type { z } from 'zod';

/** Which body-size limit applies to a route. */
export type BodyLimitKind = 'default' | 'batch' | 'upload' | 'import';

/** What a handler receives: validated inputs plus the caller. */
export interface RouteInput<Body, Query, Params> {
  body: Body;
  query: Query;
  params: Params;
  /** Present on authenticated routes. */
  auth: AuthContext;
  correlationId: string;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
  /** The raw request, for routes that read multipart forms. */
  request: Request;
}

/**
 * One HTTP route, declared as data: the same zod schemas validate requests,
 * type the handler and generate `/openapi.json`. Handlers return the 200 body.
 */
export interface RouteDefinition<
  BodySchema extends z.ZodType = z.ZodType,
  QuerySchema extends z.ZodType = z.ZodType,
  ParamsSchema extends z.ZodType = z.ZodType,
> {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** OpenAPI-style path: `/v1/conversations/{conversation_id}/compacted`. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  /** False only for /health and /openapi.json. */
  authenticated: boolean;
  body?: BodySchema;
  query?: QuerySchema;
  params?: ParamsSchema;
  response: z.ZodType;
  bodyLimit?: BodyLimitKind;
  /** Multipart routes parse their own body; `body` is then only documentation. */
  multipart?: boolean;
  /** Operator routes (`/admin/v1/...`): the bearer must be the operator key, not an instance key. */
  operator?: boolean;
  /** The handler reads `request.body` as a stream itself (large imports); `body` is then only documentation. */
  streamBody?: boolean;
  /** The media type of a streamed request or response, for the OpenAPI document. */
  mediaType?: string;
  handle(
    input: RouteInput<z.output<BodySchema>, z.output<QuerySchema>, z.output<ParamsSchema>>,
  ): Promise<object | Response>;
}

/** Identity helper that keeps a route's schema types attached to its handler. */
export function defineRoute<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType>(
  route: RouteDefinition<B, Q, P>,
): RouteDefinition {
  return route as unknown as RouteDefinition;
}
