/**
 * @engram/mcp: Engram's memory tools as an MCP server (the official
 * `@modelcontextprotocol/sdk`), over stdio or Streamable HTTP. Tools call
 * Engram through `@engram/sdk`, so they work against any Synap-compatible server.
 */
export type { EngramMcpServerOptions } from './engram-mcp-server.js';
export { createEngramMcpServer, ENGRAM_MCP_SERVER_NAME } from './engram-mcp-server.js';
export { formatMemoryLines } from './format-memories.js';
export type { RoutedScope, ScopeIds } from './scope-routing.js';
export { fetchAtScope, routedScope } from './scope-routing.js';
export { serveMcpOverStdio } from './stdio-server.js';
export type { ClientForKey } from './streamable-http-handler.js';
export { bearerToken, handleMcpRequest } from './streamable-http-handler.js';
