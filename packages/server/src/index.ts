/** @engram/server: the Synap-compatible HTTP API, its composition root and the `engram` CLI. */
export { createModelAdapters, databasePath, type ModelAdapters } from './app/adapters.js';
export { allRoutes, createApp } from './app/create-app.js';
export type { EngramServices } from './app/engram-services.js';
export { createEngramServices } from './app/engram-services.js';
export type { RunningServer } from './app/start-server.js';
export { startServer } from './app/start-server.js';
export { loadConfig } from './config/load-config.js';
export { mountDashboard } from './http/dashboard-assets.js';
export type { EngramVariables } from './http/register-routes.js';
export type { Logger, LogLevel } from './logger.js';
export { createLogger } from './logger.js';
