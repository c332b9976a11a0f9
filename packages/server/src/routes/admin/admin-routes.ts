import type { EngramServices } from '../../app/engram-services.js';
import type { RouteDefinition } from '../../http/route-definition.js';
import { archiveAdminRoutes } from './archive-admin-routes.js';
import { configAdminRoutes } from './config-admin-routes.js';
import { erasureAdminRoutes } from './erasure-admin-routes.js';
import { memoryAdminRoutes } from './memory-admin-routes.js';
import { webhookAdminRoutes } from './webhook-admin-routes.js';

/** Every operator route (`/admin/v1/...`, operator key only). */
export function adminRoutes(services: EngramServices): RouteDefinition[] {
  return [
    ...configAdminRoutes(services),
    ...webhookAdminRoutes(services),
    ...memoryAdminRoutes(services),
    ...archiveAdminRoutes(services),
    ...erasureAdminRoutes(services),
  ];
}
