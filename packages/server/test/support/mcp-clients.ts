import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

const BIN = fileURLToPath(new URL('../../bin/engram.js', import.meta.url));

/** An MCP SDK client over Streamable HTTP at `<url>/mcp`, sending `apiKey` as the bearer. */
export async function httpMcpClient(url: string, apiKey: string): Promise<Client> {
  const client = new Client({ name: 'engram-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(`${url}/mcp`), {
    requestInit: { headers: { Authorization: `Bearer ${apiKey}` } },
  });
  await client.connect(transport);
  return client;
}

/** An MCP SDK client over stdio to `engram mcp --url <url>`, a real child process, with `env` added. */
export async function stdioMcpClient(url: string, env: Record<string, string>): Promise<Client> {
  const client = new Client({ name: 'engram-test', version: '1.0.0' });
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  delete inherited.ENGRAM_API_KEY;
  delete inherited.SYNAP_API_KEY;
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'mcp', '--url', url],
    env: { ...inherited, ...env },
    stderr: 'pipe',
  });
  await client.connect(transport);
  return client;
}

/** The text of a tool result's single text block. */
export function textOf(result: Awaited<ReturnType<Client['callTool']>>): string {
  const [block] = (result as CallToolResult).content;
  if (block?.type !== 'text') throw new Error(`expected a text block, got ${JSON.stringify(result)}`);
  return block.text;
}
