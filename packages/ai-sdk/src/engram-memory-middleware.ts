import type { EngramClient } from '@engram/sdk';
import type { LanguageModelMiddleware } from 'ai';
import { type EngramScope, scopeFetchFields } from './memory-scope.js';
import { lastUserText, textOfContent } from './prompt-text.js';

/** Settings of {@link engramMemoryMiddleware}. */
export interface EngramMemoryMiddlewareOptions extends EngramScope {
  /** Memories per scope read before each call (default 10). */
  maxResults?: number;
  /** Written before the memories in the injected system message. */
  preamble?: string;
  /**
   * Told about failures to read or record memory. Memory never fails a model
   * call: without this, failures are dropped and the call goes on without
   * context.
   */
  onError?: (error: unknown, stage: 'read' | 'record') => void;
}

/** The default first line of the injected system message. */
export const DEFAULT_MEMORY_PREAMBLE = 'What you remember about the user and this conversation:';

/**
 * AI SDK language-model middleware (`wrapLanguageModel`) that gives a model
 * Engram memory:
 * - before each call, a unified fetch for the last user message at the
 *   configured scopes, with the conversation's `context-for-prompt` when a
 *   `conversationId` is set, becomes a system message ahead of the prompt;
 * - after it (after the stream ends, for `streamText`), the user message and
 *   the model's text are recorded into the conversation with
 *   `record_message`, or, without a conversation, queued as one exchange with
 *   `memories.create`.
 * Recording is awaited, so a finished call's exchange is already stored.
 */
export function engramMemoryMiddleware(
  client: EngramClient,
  options: EngramMemoryMiddlewareOptions,
): LanguageModelMiddleware {
  const report = options.onError ?? (() => {});
  const ids = scopeFetchFields(options);

  async function record(userText: string | undefined, assistantText: string): Promise<void> {
    if (!userText && !assistantText) return;
    try {
      if (options.conversationId) {
        const turn = {
          conversation_id: options.conversationId,
          user_id: ids.user_id,
          customer_id: ids.customer_id,
        };
        if (userText) await client.conversation.recordMessage({ ...turn, role: 'user', content: userText });
        if (assistantText)
          await client.conversation.recordMessage({ ...turn, role: 'assistant', content: assistantText });
      } else {
        await client.memories.create({
          document: `User: ${userText ?? ''}\nAssistant: ${assistantText}`,
          user_id: options.userId ?? null,
          customer_id: options.customerId ?? null,
          metadata: { source: 'ai-sdk' },
        });
      }
    } catch (error) {
      report(error, 'record');
    }
  }

  return {
    specificationVersion: 'v3',
    async transformParams({ params }) {
      const query = lastUserText(params.prompt);
      try {
        const context = await client.fetch({
          ...ids,
          search_query: query ? [query] : null,
          max_results: options.maxResults ?? 10,
          mode: 'fast',
        });
        // The unified fetch leaves a failed scope out rather than rejecting.
        for (const failure of context.errors) report(failure.error, 'read');
        const text = context.formatted_context.trim();
        if (!text) return params;
        const system = `${options.preamble ?? DEFAULT_MEMORY_PREAMBLE}\n${text}`;
        return { ...params, prompt: [{ role: 'system', content: system }, ...params.prompt] };
      } catch (error) {
        report(error, 'read');
        return params;
      }
    },
    async wrapGenerate({ doGenerate, params }) {
      const result = await doGenerate();
      await record(lastUserText(params.prompt), textOfContent(result.content));
      return result;
    },
    async wrapStream({ doStream, params }) {
      const { stream, ...rest } = await doStream();
      let text = '';
      const watched = stream.pipeThrough(
        new TransformStream({
          transform(part, controller) {
            if (part.type === 'text-delta') text += part.delta;
            controller.enqueue(part);
          },
          flush: () => record(lastUserText(params.prompt), text),
        }),
      );
      return { stream: watched, ...rest };
    },
  };
}
