import type { EngramServices } from '../../app/engram-services.js';
import type { RouteDefinition } from '../../http/route-definition.js';
import { conversationConsoleRoutes } from './conversation-console-routes.js';
import { graphConsoleRoutes } from './graph-console-routes.js';
import { instanceConsoleRoutes } from './instance-console-routes.js';
import { jobConsoleRoutes } from './job-console-routes.js';
import { memoryConsoleRoutes } from './memory-console-routes.js';

/** The operator routes the dashboard reads and writes through (`/admin/v1/...`, operator key only). */
export function consoleRoutes(services: EngramServices): RouteDefinition[] {
  return [
    ...instanceConsoleRoutes(services),
    ...memoryConsoleRoutes(services),
    ...graphConsoleRoutes(services),
    ...jobConsoleRoutes(services),
    ...conversationConsoleRoutes(services),
  ];
}
