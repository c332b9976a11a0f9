import { handleMcpRequest } from '@engram/mcp';
import { EngramClient, type FetchLike } from '@engram/sdk';
import type { Env, Hono } from 'hono';
import { ENGRAM_VERSION } from '../version.js';

/** Host of the in-process base URL the `/mcp` tools' SDK client calls; it never reaches a socket. */
const IN_PROCESS_BASE_URL = 'http://engram.in-process';

/**
 * Mounts Streamable HTTP MCP at `/mcp` (stateless, as Synap's). The tools call
 * this same app in process, through the SDK, under the caller's bearer key:
 * the REST routes' authentication, validation and tenancy apply unchanged, and
 * no second port or loopback connection is needed.
 */
export function mountMcpEndpoint<E extends Env>(app: Hono<E>): void {
  const inProcessFetch: FetchLike = async (url, init) => app.fetch(new Request(url, init));
  const clientForKey = (apiKey: string) =>
    new EngramClient({ apiKey, baseUrl: IN_PROCESS_BASE_URL, fetch: inProcessFetch, retry: false });
  app.all('/mcp', (c) => handleMcpRequest(c.req.raw, clientForKey, { version: ENGRAM_VERSION }));
}
