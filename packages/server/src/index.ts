/** @engram/server: the Synap-compatible HTTP API, its composition root and the `engram` CLI. */
export { createApp, allRoutes } from './app/create-app.js';
export { createEngramServices } from './app/engram-services.js';
export type { EngramServices } from './app/engram-services.js';
export { databasePath, startServer } from './app/start-server.js';
export type { RunningServer } from './app/start-server.js';
export { loadConfig } from './config/load-config.js';
export { createLogger } from './logger.js';
export type { Logger, LogLevel } from './logger.js';
