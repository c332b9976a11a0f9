import { EngramError, isEngramError } from '../../errors/engram-error.js';
import { generateJson } from '../../llm/generate-json.js';
import type { ChatModel } from '../../ports/chat-model.js';
import { compactConversation } from './compact-conversation.js';
import { assembleResult } from './compaction-outcome.js';
import { type CompactConversationInput, planCompaction } from './compaction-plan.js';
import type { CompactionResult } from './compaction-types.js';
import { mapLlmCompaction } from './llm-compaction-mapping.js';
import {
  buildLlmCompactionMessages,
  type LlmCompactionReply,
  llmCompactionSchema,
  transcriptLines,
} from './llm-compaction-prompt.js';

/** Options of {@link LlmCompactor}. */
export interface LlmCompactorOptions {
  /**
   * Largest transcript sent to the model, in BPE tokens; longer ones are
   * first reduced extractively to this size. Default 12,000.
   */
  maxInputTokens?: number;
  /** Model calls per compaction, retries included (see `generateJson`). Default 3. */
  maxAttempts?: number;
  /** Sampling temperature. Default 0, for repeatable compactions. */
  temperature?: number;
}

/** Input of {@link LlmCompactor.compact}. */
export interface LlmCompactInput extends CompactConversationInput {
  abortSignal?: AbortSignal;
}

const DEFAULT_MAX_INPUT_TOKENS = 12_000;

/**
 * Compaction by a chat model: asks for JSON {summary, current_state,
 * key_extractions} and measures the result like the extractive compactor
 * (BPE counts, key-fact validation against the original, level thresholds).
 * There is no fallback: any model or parsing failure throws EngramError
 * PROVIDER_FAILED (retryable as decided where it failed), and the caller
 * decides whether to run the extractive compactor instead. A conversation
 * with nothing new to compact is answered without calling the model.
 */
export class LlmCompactor {
  private readonly maxInputTokens: number;

  constructor(
    private readonly model: ChatModel,
    private readonly options: LlmCompactorOptions = {},
  ) {
    this.maxInputTokens = options.maxInputTokens ?? DEFAULT_MAX_INPUT_TOKENS;
  }

  /**
   * Compacts `input` (same contract as `compactConversation`, `previous`
   * included); resolves to a result with `method: 'llm'`. Throws
   * INVALID_INPUT on an unknown strategy, PROVIDER_FAILED on model failure.
   */
  async compact(input: LlmCompactInput): Promise<CompactionResult> {
    let plan = planCompaction(input);
    if (plan.fresh.length === 0) return compactConversation(input);
    if (plan.newTokens > this.maxInputTokens) {
      // Too long to send whole: the extractive pass keeps the most informative part, with its speakers
      // and resolved dates, and the model compacts that. Counts still refer to the full original.
      const reduced = compactConversation({
        ...input,
        level: 'conservative',
        targetTokens: this.maxInputTokens,
      });
      const cutoff = input.previous?.cutoffSequence ?? 0;
      const kept = reduced.segments.filter((segment) => segment.sequence > cutoff);
      plan = { ...plan, sources: kept.map((segment) => ({ ...segment, fromPrevious: false })) };
    }
    const messages = buildLlmCompactionMessages(
      transcriptLines(plan),
      plan.budget,
      input.previous?.compactedContext ?? '',
    );
    let reply: LlmCompactionReply;
    try {
      ({ value: reply } = await generateJson(this.model, {
        messages,
        schema: llmCompactionSchema,
        jsonSchemaName: 'conversation_compaction',
        maxAttempts: this.options.maxAttempts ?? 3,
        temperature: this.options.temperature ?? 0,
        maxTokens: Math.min(8_192, Math.max(512, plan.budget * 2)),
        abortSignal: input.abortSignal,
      }));
    } catch (error) {
      if (isEngramError(error, 'PROVIDER_FAILED')) throw error;
      throw new EngramError('PROVIDER_FAILED', 'LLM compaction failed', {
        details: { provider: this.model.provider, modelId: this.model.modelId },
        retryable: isEngramError(error) ? error.retryable : false,
        cause: error,
      });
    }
    return assembleResult(plan, mapLlmCompaction(reply, plan), input.now);
  }
}
