/**
 * Conversation compaction: BPE token counting, levels, the offline
 * extractive compactor, renderers for E9 (context-for-prompt) and E11
 * (compacted), and the LLM compactor.
 */
export { compactConversation } from './compact-conversation.js';
export {
  COMPACTION_LEVEL_PROFILES,
  COMPACTION_STRATEGIES,
  type CompactionLevel,
  type CompactionLevelProfile,
  type CompactionSizing,
  type CompactionStrategy,
  compactionBudget,
  DEFAULT_COMPACTION_STRATEGY,
  isCompactionStrategy,
  parseCompactionStrategy,
  resolveCompactionLevel,
} from './compaction-level.js';
export type { CompactConversationInput } from './compaction-plan.js';
export {
  type CompactedSegment,
  type CompactionResult,
  type CurrentState,
  KEY_EXTRACTION_CATEGORIES,
  type KeyExtractionCategory,
  type KeyExtractionItem,
  type KeyExtractions,
} from './compaction-types.js';
export { type LlmCompactionReply, llmCompactionSchema } from './llm-compaction-prompt.js';
export { type LlmCompactInput, LlmCompactor, type LlmCompactorOptions } from './llm-compactor.js';
export { COMPACTED_FORMATS, type CompactedFormat, renderCompaction } from './render-compaction.js';
export {
  CONTEXT_PROMPT_STYLES,
  type ContextForPromptInput,
  type ContextPromptStyle,
  renderContextForPrompt,
} from './render-context-for-prompt.js';
export { countTokens, TOKEN_ENCODING } from './token-count.js';
