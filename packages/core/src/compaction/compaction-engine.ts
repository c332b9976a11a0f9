import { isEngramError } from '../errors/engram-error.js';
import type { ChatModel } from '../ports/chat-model.js';
import type { Logger } from '../ports/logger.js';
import { compactConversation } from './algorithm/compact-conversation.js';
import type { CompactConversationInput } from './algorithm/compaction-plan.js';
import type { CompactionResult } from './algorithm/compaction-types.js';
import { LlmCompactor } from './algorithm/llm-compactor.js';

/** Compacts one conversation: the offline extractive compactor or a chat model. */
export type CompactionEngine = (
  input: CompactConversationInput,
  abortSignal: AbortSignal,
) => Promise<CompactionResult>;

/** Warning added to a result when the chat model failed and the extractive compactor stood in. */
export const LLM_FALLBACK_WARNING = 'the LLM compactor failed; the extractive compactor was used instead';

/**
 * The configured engine. Without a chat model it is the extractive
 * compactor (deterministic, offline). With one, the LLM compactor runs and
 * any model failure falls back to the extractive compactor with a warning,
 * so a flaky provider degrades quality, never availability. INVALID_INPUT
 * (an unknown strategy) and aborts are rethrown.
 */
export function createCompactionEngine(options: {
  chatModel?: ChatModel | undefined;
  logger: Logger;
}): CompactionEngine {
  const { chatModel, logger } = options;
  if (chatModel === undefined) return async (input) => compactConversation(input);
  const compactor = new LlmCompactor(chatModel);
  return async (input, abortSignal) => {
    try {
      return await compactor.compact({ ...input, abortSignal });
    } catch (error) {
      if (!isEngramError(error, 'PROVIDER_FAILED') || abortSignal.aborted) throw error;
      logger.warn('compaction-llm-failed', { provider: chatModel.provider, model: chatModel.modelId });
      const fallback = compactConversation(input);
      return { ...fallback, qualityWarning: true, warnings: [...fallback.warnings, LLM_FALLBACK_WARNING] };
    }
  };
}
