import type { IncomingMessage } from 'node:http';
import type { AuthContext, TenancyService } from '@engram/core';
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { assignCorrelationId, correlationIdFor } from './correlation-id.js';
import { parseJsonBody, validate } from './read-json-body.js';
import { declaredOversize, drainRequestBody, payloadTooLarge, readBodyText } from './request-body.js';
import type { BodyLimitKind, RouteDefinition } from './route-definition.js';

/** Byte limits per {@link BodyLimitKind}. */
export type BodyLimits = Readonly<Record<BodyLimitKind, number>>;

/** Variables a request carries through the Hono context. */
export interface EngramVariables {
  correlationId: string;
}

/** The Node request under Hono's web Request; undefined outside @hono/node-server (e.g. `app.request`). */
function incomingOf(c: Context): IncomingMessage | undefined {
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
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
    const maxBytes = options.bodyLimits[route.bodyLimit ?? 'default'];
    const handlers: unknown[] = [
      // First of all, before authentication: a declared body over the limit is never read.
      async (c: Context, next: () => Promise<void>) => {
        const refused = declaredOversize(c.req.header('content-length'), maxBytes);
        if (refused === undefined) return next();
        c.header('Connection', 'close');
        throw refused;
      },
    ];
    if (route.multipart) {
      // Forms are parsed by the web Request; Hono's middleware counts their bytes.
      handlers.push(
        bodyLimit({
          maxSize: maxBytes,
          onError: async (c) => {
            await drainRequestBody(incomingOf(c), maxBytes);
            throw payloadTooLarge(maxBytes);
          },
        }),
      );
    }
    handlers.push(async (c: Context<{ Variables: EngramVariables }>) => {
      let auth: AuthContext | undefined;
      if (route.authenticated) {
        auth = await options.tenancy.authenticate(c.req.header('authorization'));
        assignCorrelationId(c, correlationIdFor(c.req.header('x-correlation-id'), auth.instanceId));
      }
      const params = route.params ? validate(route.params, c.req.param(), 'path') : {};
      const query = route.query ? validate(route.query, c.req.query(), 'query') : {};
      const body =
        route.body && !route.multipart
          ? parseJsonBody(await readBodyText(c.req.raw, incomingOf(c), maxBytes), route.body)
          : undefined;
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
