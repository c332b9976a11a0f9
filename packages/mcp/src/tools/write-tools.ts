import type { EngramClient } from '@engram/sdk';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { routedScope } from '../scope-routing.js';
import { guarded, textResult } from '../tool-result.js';

/** How `log_exchange` waits when asked to (Synap: every 2 s, at most 12 s). */
export interface WriteToolSettings {
  pollIntervalSeconds: number;
  waitTimeoutSeconds: number;
}

/**
 * The write tools: Synap's `log_exchange` (heavy ingestion of one exchange,
 * hard failures as `ERROR: …`), plus `record_message` (the light write path)
 * and `delete_memory`.
 */
export function registerWriteTools(
  server: McpServer,
  client: EngramClient,
  settings: WriteToolSettings,
): void {
  server.registerTool(
    'log_exchange',
    {
      description:
        'Store one user/assistant exchange in long-term memory; facts and preferences are extracted from it. ' +
        'Scope: user_id if given, else customer_id, else the whole client.',
      inputSchema: {
        user_message: z.string().min(1).describe('What the user said.'),
        assistant_message: z.string().default('').describe('What the assistant answered.'),
        conversation_id: z.string().min(1).optional().describe('The conversation the exchange belongs to.'),
        user_id: z.string().min(1).optional(),
        customer_id: z.string().min(1).optional(),
        wait_for_processing: z
          .boolean()
          .default(false)
          .describe('Wait (up to a few seconds) for extraction to finish.'),
      },
    },
    (args, extra) =>
      guarded('ERROR:', async () => {
        const queued = await client.memories.create(
          {
            document: `User: ${args.user_message}\nAssistant: ${args.assistant_message}`,
            document_type: 'ai-chat-conversation',
            mode: 'long-range',
            metadata: {
              source: 'mcp-server',
              ...(args.conversation_id ? { conversation_id: args.conversation_id } : {}),
            },
            user_id: args.user_id ?? null,
            customer_id: args.customer_id ?? null,
          },
          { signal: extra.signal },
        );
        const scope = routedScope(args);
        if (!args.wait_for_processing) {
          return textResult(`Queued for memory (${scope} scope). ingestion_id: ${queued.ingestion_id}`);
        }
        const done = await client.memories
          .waitForCompletion(queued.ingestion_id, {
            pollIntervalSeconds: settings.pollIntervalSeconds,
            timeoutSeconds: settings.waitTimeoutSeconds,
            signal: extra.signal,
          })
          .catch(() => undefined);
        const status = done?.status ?? 'still processing';
        return textResult(`Stored (${scope} scope), status: ${status}. ingestion_id: ${queued.ingestion_id}`);
      }),
  );

  server.registerTool(
    'record_message',
    {
      description:
        'Record one conversation turn (light write: no extraction until the conversation is compacted).',
      inputSchema: {
        conversation_id: z.string().uuid().describe('The conversation, a UUID.'),
        role: z.enum(['user', 'assistant']),
        content: z.string().min(1),
        user_id: z.string().min(1).optional(),
        customer_id: z.string().min(1).optional(),
      },
    },
    (args, extra) =>
      guarded('ERROR:', async () => {
        const recorded = await client.conversation.recordMessage(
          {
            conversation_id: args.conversation_id,
            role: args.role,
            content: args.content,
            user_id: args.user_id ?? null,
            customer_id: args.customer_id ?? null,
          },
          { signal: extra.signal },
        );
        return textResult(`Recorded ${args.role} message ${recorded.message_id} in ${args.conversation_id}.`);
      }),
  );

  server.registerTool(
    'delete_memory',
    {
      description: 'Delete one memory permanently, by the id recall_context shows.',
      inputSchema: { memory_id: z.string().min(1) },
      annotations: { destructiveHint: true },
    },
    (args, extra) =>
      guarded('ERROR:', async () => {
        await client.memories.delete(args.memory_id, { signal: extra.signal });
        return textResult(`Deleted memory ${args.memory_id}.`);
      }),
  );
}
