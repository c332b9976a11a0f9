import type { EngramClient } from '@engram/sdk';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { createEngramMcpServer, type EngramMcpServerOptions } from './engram-mcp-server.js';

/** Builds the SDK client a request's tools call Engram with, from the caller's bearer key. */
export type ClientForKey = (apiKey: string) => EngramClient;

/** The bearer token of an `Authorization` header, or undefined. */
export function bearerToken(header: string | null | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * Answers one Streamable HTTP request to `/mcp`, stateless as Synap's server
 * is: a fresh MCP server and transport per request, with tools that call
 * Engram under the caller's own `Authorization: Bearer` key (passed through,
 * never stored). A request without a bearer key gets 401 `{"detail": ...}`;
 * a wrong key is found by the first tool call and answered as a tool error.
 */
export async function handleMcpRequest(
  request: Request,
  clientForKey: ClientForKey,
  options: EngramMcpServerOptions = {},
): Promise<Response> {
  const apiKey = bearerToken(request.headers.get('authorization'));
  if (!apiKey) {
    return Response.json(
      { detail: 'missing Authorization: Bearer <API key>' },
      { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } },
    );
  }
  const server = createEngramMcpServer(clientForKey(apiKey), options);
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  await server.connect(transport);
  try {
    return await transport.handleRequest(request);
  } finally {
    // JSON responses are complete when handleRequest resolves, so both can close.
    await transport.close();
    await server.close();
  }
}
