import { ContextNotFoundError, type EngramClient } from '@engram/sdk';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { errorResult, guarded, textResult } from '../tool-result.js';

/**
 * The lookup tools: Synap's `check_memory_status` (404 → "Unknown
 * ingestion_id"), plus `get_user_profile` and `context_for_prompt`.
 */
export function registerLookupTools(server: McpServer, client: EngramClient): void {
  server.registerTool(
    'check_memory_status',
    {
      description: 'Check whether a log_exchange ingestion has finished, by its ingestion_id.',
      inputSchema: { ingestion_id: z.string().min(1) },
      annotations: { readOnlyHint: true },
    },
    (args, extra) =>
      guarded('ERROR:', async () => {
        try {
          const status = await client.memories.status(args.ingestion_id, { signal: extra.signal });
          const created =
            status.memories_created == null ? '' : `, ${status.memories_created} memories created`;
          const failure = status.error_message ? ` (${status.error_message})` : '';
          return textResult(`Ingestion ${status.ingestion_id}: ${status.status}${created}${failure}.`);
        } catch (error) {
          if (error instanceof ContextNotFoundError)
            return errorResult(`Unknown ingestion_id: ${args.ingestion_id}`);
          throw error;
        }
      }),
  );

  server.registerTool(
    'get_user_profile',
    {
      description:
        'The profile Engram keeps of one user: attributes learnt from conversations and an overview.',
      inputSchema: {
        user_id: z.string().min(1),
        customer_id: z.string().min(1).optional().describe('Required on B2B instances.'),
      },
      annotations: { readOnlyHint: true },
    },
    (args, extra) =>
      guarded('ERROR:', async () => {
        const profile = await client.user.getProfile(
          { user_id: args.user_id, ...(args.customer_id ? { customer_id: args.customer_id } : {}) },
          { signal: extra.signal },
        );
        return textResult(JSON.stringify(profile, null, 2));
      }),
  );

  server.registerTool(
    'context_for_prompt',
    {
      description:
        'Prompt-ready context of one conversation: its compacted summary (when there is one) and the recent turns.',
      inputSchema: {
        conversation_id: z.string().uuid(),
        style: z.enum(['structured', 'narrative', 'bullet_points']).optional(),
      },
      annotations: { readOnlyHint: true },
    },
    (args, extra) =>
      guarded('ERROR:', async () => {
        const prompt = await client.conversation.context.getContextForPrompt(
          { conversation_id: args.conversation_id, ...(args.style ? { style: args.style } : {}) },
          { signal: extra.signal },
        );
        const parts: string[] = [];
        if (prompt.available && prompt.formatted_context) parts.push(prompt.formatted_context);
        if (prompt.recent_messages.length > 0) {
          parts.push(
            [
              'Recent messages:',
              ...prompt.recent_messages.map((turn) => `${turn.role}: ${turn.content}`),
            ].join('\n'),
          );
        }
        return textResult(parts.length === 0 ? 'No context yet for this conversation.' : parts.join('\n\n'));
      }),
  );
}
