import { serveMcpOverStdio } from '@engram/mcp';
import { DEFAULT_BASE_URL, EngramClient } from '@engram/sdk';
import { ENGRAM_VERSION } from '../../version.js';
import { parseCommandLine } from '../cli-options.js';
import { CliUsageError } from '../cli-usage-error.js';

/**
 * `engram mcp`: the Engram tools over stdio, for MCP hosts that start a
 * command (Claude Desktop, editors). It talks to a running Engram server over
 * HTTP with the key in ENGRAM_API_KEY (or SYNAP_API_KEY); the server's URL is
 * `--url`, else ENGRAM_URL, else SYNAP_API_URL, else the SDK's default.
 * Nothing but JSON-RPC may reach stdout, so it prints only to stderr.
 */
export async function runMcpCommand(args: string[]): Promise<number> {
  const { values } = parseCommandLine(args, { url: { type: 'string' } });
  const apiKey = process.env.ENGRAM_API_KEY || process.env.SYNAP_API_KEY;
  if (!apiKey) throw new CliUsageError('engram mcp needs an API key in ENGRAM_API_KEY or SYNAP_API_KEY');
  const baseUrl = values.url ?? (process.env.ENGRAM_URL || process.env.SYNAP_API_URL || DEFAULT_BASE_URL);
  const client = new EngramClient({ apiKey, baseUrl });
  const close = await serveMcpOverStdio(client, { version: ENGRAM_VERSION });
  await new Promise<void>((resolve) => {
    process.stdin.once('end', resolve);
    process.stdin.once('close', resolve);
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  await close();
  return 0;
}
