/**
 * Compaction as a service: the E10–E12 front door, the job handler, the
 * threshold and scheduled triggers, per-instance settings, and the E9
 * prompt-ready context built on the latest compaction.
 */
export {
  type CompactConversationDependencies,
  CompactConversationHandler,
} from './compact-conversation-handler.js';
export { type CompactionEngine, createCompactionEngine, LLM_FALLBACK_WARNING } from './compaction-engine.js';
export {
  COMPACT_CONVERSATION_JOB,
  type CompactionJobPayload,
  type CompactionJobResult,
  compactionJobPayloadSchema,
  compactionSerialKey,
} from './compaction-job-payload.js';
export {
  type CompactionJobRequest,
  CompactionQueue,
  type EnqueueOutcome,
  isPending,
} from './compaction-queue.js';
export { COMPACTION_TTL_SECONDS } from './compaction-responses.js';
export { CompactionScheduler, type CompactionSchedulerOptions } from './compaction-scheduler.js';
export { CompactionService, type CompactionServiceDependencies } from './compaction-service.js';
export { CompactionSettings, MAX_COMPACTION_THRESHOLD_TOKENS } from './compaction-settings.js';
export {
  type ContextForPromptDependencies,
  ContextForPromptService,
  PROMPT_MESSAGES_LIMIT,
  type PromptStyle,
} from './context-for-prompt-service.js';
export { conversationCompactionContext } from './conversation-compaction-context.js';
export { ThresholdCompaction, type ThresholdCompactionDependencies } from './threshold-compaction.js';
