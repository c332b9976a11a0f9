import type { EngramClient } from '@engram/sdk';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createEngramMcpServer, type EngramMcpServerOptions } from './engram-mcp-server.js';

/**
 * Serves the Engram tools over stdio (stdin/stdout carry JSON-RPC, so
 * nothing else may write to stdout) until the client closes stdin. Resolves
 * once connected; the returned function closes the server.
 */
export async function serveMcpOverStdio(
  client: EngramClient,
  options: EngramMcpServerOptions = {},
): Promise<() => Promise<void>> {
  const server = createEngramMcpServer(client, options);
  await server.connect(new StdioServerTransport());
  return () => server.close();
}
