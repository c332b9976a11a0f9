import { Hono } from 'hono';
import { assignCorrelationId, correlationIdFor } from '../http/correlation-id.js';
import { mountDashboard } from '../http/dashboard-assets.js';
import { toWireError } from '../http/error-response.js';
import { buildOpenApiDocument } from '../http/openapi-document.js';
import { type EngramVariables, registerRoutes } from '../http/register-routes.js';
import type { RouteDefinition } from '../http/route-definition.js';
import { adminRoutes } from '../routes/admin/admin-routes.js';
import { compactionRoutes } from '../routes/compaction-routes.js';
import { consoleRoutes } from '../routes/console/console-routes.js';
import { contextRoutes } from '../routes/context-routes.js';
import { conversationRoutes } from '../routes/conversation-routes.js';
import { keyRoutes } from '../routes/key-routes.js';
import { memoryRoutes } from '../routes/memory-routes.js';
import { systemRoutes } from '../routes/system-routes.js';
import { userRoutes } from '../routes/user-routes.js';
import { ENGRAM_VERSION } from '../version.js';
import type { EngramServices } from './engram-services.js';
import { mountMcpEndpoint } from './mcp-endpoint.js';

/** Every route of the API, in documentation order. */
export function allRoutes(services: EngramServices): RouteDefinition[] {
  return [
    ...systemRoutes(),
    ...keyRoutes(services),
    ...conversationRoutes(services),
    ...compactionRoutes(services),
    ...contextRoutes(services),
    ...memoryRoutes(services),
    ...userRoutes(services),
    ...adminRoutes(services),
    ...consoleRoutes(services),
  ];
}

/**
 * The HTTP application: correlation ids, routes, `/openapi.json`, and one
 * error handler that maps every failure to the Synap `{"detail": ...}` shape.
 */
export function createApp(services: EngramServices): Hono<{ Variables: EngramVariables }> {
  const app = new Hono<{ Variables: EngramVariables }>();
  const routes = allRoutes(services);
  const openApi = buildOpenApiDocument(routes, ENGRAM_VERSION);

  app.use(async (c, next) => {
    // Before next(), as assignCorrelationId requires. Authenticated routes
    // assign the instance's id once they know it.
    assignCorrelationId(c, correlationIdFor(c.req.header('x-correlation-id')));
    await next();
  });
  app.get('/openapi.json', (c) => c.json(openApi));
  registerRoutes(app, routes, {
    tenancy: services.tenancy,
    limiter: services.limiter,
    operatorKey: services.config.operatorKey,
    bodyLimits: {
      default: services.config.maxBodyBytes,
      batch: services.config.maxBatchBodyBytes,
      upload: services.config.maxUploadBytes,
      import: services.config.maxImportBytes,
    },
  });
  mountMcpEndpoint(app);
  if (services.config.dashboard) mountDashboard(app);
  app.notFound((c) =>
    c.json({ detail: `no route for ${c.req.method} ${c.req.path}`, code: 'NOT_FOUND' }, 404),
  );
  app.onError((error, c) => {
    // A driver's lock or lost connection is a 503 the client may retry, not a 500.
    const mapped = services.store.transientError?.(error) ?? error;
    const wire = toWireError(mapped, c.get('correlationId') ?? '', services.logger);
    for (const [name, value] of Object.entries(wire.headers)) c.header(name, value);
    c.header('X-Correlation-ID', c.get('correlationId') ?? '');
    return c.json(wire.body, wire.status as 400);
  });
  return app;
}
