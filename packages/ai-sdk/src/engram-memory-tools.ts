import type { EngramClient } from '@engram/sdk';
import { tool } from 'ai';
import { z } from 'zod';
import { type EngramScope, scopeFetchFields } from './memory-scope.js';

/** Settings of {@link engramMemoryTools}. */
export interface EngramMemoryToolsOptions extends EngramScope {
  /** At most this many memories per recall (default 10). */
  maxResults?: number;
}

/** One recalled memory as the model sees it. */
export interface RecalledMemory {
  id: string;
  type: string;
  content: string;
  scope: string;
}

/**
 * AI SDK tools over Engram for one user / customer / conversation (fixed by
 * the application, never chosen by the model):
 * - `recall_memory({ query })`: a `fast` fetch at every scope the ids name,
 *   answering `{ memories: [{ id, type, content, scope }] }`;
 * - `remember({ text })`: queues `text` for extraction (`memories.create`),
 *   answering `{ ingestion_id }`.
 * A failure rejects, so the AI SDK reports it to the model as a tool error.
 */
export function engramMemoryTools(client: EngramClient, options: EngramMemoryToolsOptions) {
  const ids = scopeFetchFields(options);
  return {
    recall_memory: tool({
      description:
        'Recall what you know about the user from long-term memory: facts, preferences, past episodes and dated events.',
      inputSchema: z.object({ query: z.string().min(1).describe('What to recall, in natural language.') }),
      execute: async ({ query }, { abortSignal }) => {
        const context = await client.fetch(
          {
            ...ids,
            search_query: [query],
            max_results: options.maxResults ?? 10,
            mode: 'fast',
            include_conversation_context: false,
          },
          abortSignal ? { signal: abortSignal } : {},
        );
        const memories: RecalledMemory[] = [
          ...context.facts,
          ...context.preferences,
          ...context.episodes,
          ...context.emotions,
          ...context.temporal_events,
        ].map((item) => ({ id: item.id, type: item.memory_type, content: item.content, scope: item.scope }));
        return { memories };
      },
    }),
    remember: tool({
      description: 'Store something worth remembering about the user in long-term memory.',
      inputSchema: z.object({ text: z.string().min(1).describe('What to remember, as a sentence.') }),
      execute: async ({ text }, { abortSignal }) => {
        const queued = await client.memories.create(
          {
            document: text,
            document_type: 'ai-chat-conversation',
            user_id: options.userId ?? null,
            customer_id: options.customerId ?? null,
            metadata: {
              source: 'ai-sdk',
              ...(options.conversationId ? { conversation_id: options.conversationId } : {}),
            },
          },
          abortSignal ? { signal: abortSignal } : {},
        );
        return { ingestion_id: queued.ingestion_id };
      },
    }),
  };
}
