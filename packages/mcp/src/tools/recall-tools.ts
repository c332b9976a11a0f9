import type { EngramClient } from '@engram/sdk';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { formatMemoryLines } from '../format-memories.js';
import { fetchAtScope, routedScope } from '../scope-routing.js';
import { guarded, textResult } from '../tool-result.js';

/** Settings of the fetch tools. */
export interface RecallToolSettings {
  /** `max_results` when a call gives none (Synap: `MCP_DEFAULT_MAX_RESULTS`, default 10). */
  defaultMaxResults: number;
}

const scopeFields = {
  user_id: z.string().min(1).optional().describe('Recall this user’s memories (user scope).'),
  customer_id: z
    .string()
    .min(1)
    .optional()
    .describe('The user’s organisation; alone, recalls at customer scope.'),
};
const maxResults = z.number().int().min(1).max(50);

/**
 * `recall_context` and `list_recent_memories` (Synap's names and parameters,
 * spec §4): a `fast` fetch at the routed scope, all memory types, rendered as
 * `- (type) content` lines. Their failures are soft: a benign sentence.
 */
export function registerRecallTools(
  server: McpServer,
  client: EngramClient,
  settings: RecallToolSettings,
): void {
  server.registerTool(
    'recall_context',
    {
      description:
        'Recall long-term memories relevant to a query: facts, preferences, episodes, emotions and dated events. ' +
        'Scope: user_id if given, else customer_id, else the whole client.',
      inputSchema: {
        query: z.string().min(1).describe('What to recall, in natural language.'),
        max_results: maxResults
          .optional()
          .describe(`At most this many memories (default ${settings.defaultMaxResults}).`),
        ...scopeFields,
      },
      annotations: { readOnlyHint: true },
    },
    (args, extra) =>
      guarded('Could not recall memories:', async () => {
        const context = await fetchAtScope(
          client,
          args,
          {
            search_query: [args.query],
            max_results: args.max_results ?? settings.defaultMaxResults,
            types: ['all'],
            mode: 'fast',
          },
          extra.signal,
        );
        const lines = formatMemoryLines(context);
        const scope = routedScope(args);
        return textResult(
          lines.length === 0 ? `No relevant memories found (${scope} scope).` : lines.join('\n'),
        );
      }),
  );

  server.registerTool(
    'list_recent_memories',
    {
      description: 'List the most recent long-term memories at the routed scope, without a query.',
      inputSchema: {
        max_results: maxResults.default(10).describe('At most this many memories.'),
        ...scopeFields,
      },
      annotations: { readOnlyHint: true },
    },
    (args, extra) =>
      guarded('Could not list memories:', async () => {
        const context = await fetchAtScope(
          client,
          args,
          { search_query: null, max_results: args.max_results, types: ['all'], mode: 'fast' },
          extra.signal,
        );
        const lines = formatMemoryLines(context);
        return textResult(
          lines.length === 0 ? `No memories yet (${routedScope(args)} scope).` : lines.join('\n'),
        );
      }),
  );
}
