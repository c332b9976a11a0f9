/**
 * @engram/ai-sdk: Engram memory for the Vercel AI SDK (`ai` 6). Memory tools
 * the model can call, and a middleware that reads context before a model call
 * and records the exchange after it. Both talk to Engram through `@engram/sdk`.
 */
export type { EngramMemoryMiddlewareOptions } from './engram-memory-middleware.js';
export { DEFAULT_MEMORY_PREAMBLE, engramMemoryMiddleware } from './engram-memory-middleware.js';
export type { EngramMemoryToolsOptions, RecalledMemory } from './engram-memory-tools.js';
export { engramMemoryTools } from './engram-memory-tools.js';
export type { EngramScope } from './memory-scope.js';
