import type { AuthContext, TenancyService } from '@engram/core';
import { EngramError } from '@engram/core';
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { correlationIdFor } from './correlation-id.js';
import { readJsonBody, validate } from './read-json-body.js';
import type { BodyLimitKind, RouteDefinition } from './route-definition.js';

/** Byte limits per {@link BodyLimitKind}. */
export type BodyLimits = Readonly<Record<BodyLimitKind, number>>;

/** Variables a request carries through the Hono context. */
export interface EngramVariables {
  correlationId: string;
}

/** Most bytes read and discarded from a refused oversized body before answering. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

/**
 * Reads and discards the rest of a refused body (up to a cap) so the client
 * receives the 400 instead of a reset connection, which SDKs would report as
 * a network error and retry.
 */
async function drainRequestBody(
  env: { incoming?: AsyncIterable<Buffer> } | undefined,
  limit: number,
): Promise<void> {
  const incoming = env?.incoming;
  if (!incoming) return;
  let drained = 0;
  const cap = Math.max(MAX_DRAIN_BYTES, limit * 4);
  try {
    for await (const chunk of incoming) {
      drained += chunk.length;
      if (drained > cap) break;
    }
  } catch {
    // The client went away; nothing to answer.
  }
}

/** `/a/{b}/c` → `/a/:b/c`. */
export function toHonoPath(path: string): string {
  return path.replace(/\{([^}]+)\}/g, ':$1');
}

/**
 * Mounts route definitions on a Hono app: body-size limit, authentication
 * from the bearer key alone (X-* identity headers are ignored), validation of
 * params, query and body, then the handler; every success is a 200 JSON object.
 */
export function registerRoutes(
  app: Hono<{ Variables: EngramVariables }>,
  routes: readonly RouteDefinition[],
  options: { tenancy: TenancyService; bodyLimits: BodyLimits },
): void {
  for (const route of routes) {
    const handlers = [];
    if (route.method !== 'get' && route.method !== 'delete') {
      const maxSize = options.bodyLimits[route.bodyLimit ?? 'default'];
      handlers.push(
        bodyLimit({
          maxSize,
          onError: async (c) => {
            await drainRequestBody(c.env as { incoming?: AsyncIterable<Buffer> } | undefined, maxSize);
            throw new EngramError(
              'PAYLOAD_TOO_LARGE',
              `the request body exceeds the limit of ${maxSize} bytes`,
              {
                details: { limit_bytes: maxSize },
              },
            );
          },
        }),
      );
    }
    handlers.push(async (c: Context<{ Variables: EngramVariables }>) => {
      let auth: AuthContext | undefined;
      if (route.authenticated) {
        auth = await options.tenancy.authenticate(c.req.header('authorization'));
        c.set('correlationId', correlationIdFor(c.req.header('x-correlation-id'), auth.instanceId));
      }
      const params = route.params ? validate(route.params, c.req.param(), 'path') : {};
      const query = route.query ? validate(route.query, c.req.query(), 'query') : {};
      const body = route.body && !route.multipart ? await readJsonBody(c.req.raw, route.body) : undefined;
      const result = await route.handle({
        body,
        query,
        params,
        auth: auth as AuthContext,
        correlationId: c.get('correlationId'),
        signal: c.req.raw.signal,
        request: c.req.raw,
      });
      return c.json(result, 200);
    });
    app.on(route.method.toUpperCase(), toHonoPath(route.path), ...(handlers as [never]));
  }
}
