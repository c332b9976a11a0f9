import type { EngramClient } from '@engram/sdk';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { registerLookupTools } from './tools/lookup-tools.js';
import { registerRecallTools } from './tools/recall-tools.js';
import { registerWriteTools } from './tools/write-tools.js';

/** Settings of the MCP server; every field has Synap's default. */
export interface EngramMcpServerOptions {
  /** `max_results` of `recall_context` when a call gives none (default 10). */
  defaultMaxResults?: number;
  /** `log_exchange` with `wait_for_processing`: poll interval (default 2 s) and limit (default 12 s). */
  pollIntervalSeconds?: number;
  waitTimeoutSeconds?: number;
  /** Reported to MCP clients (default the package version). */
  version?: string;
}

/** The MCP server's name, as clients list it. */
export const ENGRAM_MCP_SERVER_NAME = 'engram-memory';

/**
 * An MCP server whose tools call Engram through `client` (whose API key
 * decides the tenant): Synap's `log_exchange`, `recall_context`,
 * `list_recent_memories`, `check_memory_status`, plus `record_message`,
 * `delete_memory`, `get_user_profile` and `context_for_prompt`. Every failure
 * is a tool result with `isError` and a readable text; none ends the session.
 * Connect it to one transport (stdio, or one Streamable HTTP request).
 */
export function createEngramMcpServer(client: EngramClient, options: EngramMcpServerOptions = {}): McpServer {
  const server = new McpServer({ name: ENGRAM_MCP_SERVER_NAME, version: options.version ?? '0.1.0' });
  registerWriteTools(server, client, {
    pollIntervalSeconds: options.pollIntervalSeconds ?? 2,
    waitTimeoutSeconds: options.waitTimeoutSeconds ?? 12,
  });
  registerRecallTools(server, client, { defaultMaxResults: options.defaultMaxResults ?? 10 });
  registerLookupTools(server, client);
  return server;
}
