import type { CompactionResponse, CompactionStatusResponse } from '@engram/protocol';
import type { StoredCompaction } from '../ports/compaction-store.js';
import type { Job } from '../ports/job-store.js';
import type { CompactedFormat } from './algorithm/render-compaction.js';
import { renderCompaction } from './algorithm/render-compaction.js';
import { countTokens } from './algorithm/token-count.js';
import { isPending } from './compaction-queue.js';

/** Cache lifetime hint of E11 and E9 answers (the SDK caches both 300 s). */
export const COMPACTION_TTL_SECONDS = 300;

/** Whole seconds from `from` (ISO-8601) to `now`, never negative. */
export function ageSeconds(from: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(from)) / 1000));
}

/**
 * Seconds a compaction of about `tokens` uncompacted tokens should take,
 * queueing included: the extractive compactor runs at ~25 ms per 10k tokens,
 * a chat model at a few seconds per thousand output tokens.
 */
export function estimateCompletionSeconds(tokens: number, method: 'extractive' | 'llm'): number {
  if (method === 'llm') return 10 + Math.ceil(tokens / 2_000);
  return 1 + Math.floor(tokens / 200_000);
}

/**
 * E11 body for a stored compaction rendered in `format`. `strategy_used` is
 * the normalised strategy the caller asked for (one of the seven levels) and
 * `level_applied` the level that ran, so both are always valid levels.
 */
export function toCompactionResponse(
  stored: StoredCompaction,
  format: CompactedFormat,
  context: { correlationId: string; now: Date },
): CompactionResponse {
  const result = stored.result;
  const formatted = renderCompaction(result, format);
  const extractions = result.keyExtractions;
  return {
    conversation_id: stored.conversationId,
    compaction_id: stored.compactionId,
    version: stored.version,
    created_at: stored.createdAt,
    format,
    compacted_context: formatted,
    formatted_context: formatted,
    summary: result.summary,
    original_token_count: result.originalTokenCount,
    compacted_token_count: result.compactedTokenCount,
    formatted_token_count: countTokens(formatted),
    compression_ratio: result.compressionRatio,
    strategy_used: result.strategyUsed,
    level_applied: result.levelApplied,
    validation_score: result.validationScore,
    validation_passed: result.validationPassed,
    quality_warning: result.qualityWarning,
    warnings: result.warnings,
    facts: extractions.facts,
    decisions: extractions.decisions,
    preferences: extractions.preferences,
    constraints: extractions.constraints,
    key_extractions: { ...extractions },
    current_state: { ...result.currentState },
    ttl_seconds: COMPACTION_TTL_SECONDS,
    metadata: {
      correlation_id: context.correlationId,
      ttl_seconds: COMPACTION_TTL_SECONDS,
      source: 'cloud',
      compaction_applied: result.levelApplied,
      retrieved_at: context.now.toISOString(),
      trigger: stored.trigger,
      method: result.method,
      message_count: result.messageCount,
      cutoff_sequence: result.cutoffSequence,
      first_message_at: result.firstMessageAt,
      last_message_at: result.currentState.last_message_at,
      budget_tokens: result.budgetTokens,
    },
  };
}

/**
 * E12 body from the conversation's latest compaction job and latest stored
 * compaction: `in_progress` while a job is pending, `failed` when the last
 * job failed after the latest compaction (which stays readable), `completed`
 * when a compaction exists, `none` otherwise.
 */
export function toStatusResponse(
  conversationId: string,
  job: Job | undefined,
  latest: StoredCompaction | undefined,
  estimatedSeconds: number,
): CompactionStatusResponse {
  const base: CompactionStatusResponse = {
    conversation_id: conversationId,
    status: 'none',
    compaction_id: null,
    trigger_type: null,
    completed_at: null,
    compression_ratio: latest?.result.compressionRatio ?? null,
    validation_score: latest?.result.validationScore ?? null,
    estimated_completion_seconds: null,
    error_message: null,
    latest_version: latest?.version ?? null,
    latest_created_at: latest?.createdAt ?? null,
    compaction_ms: null,
  };
  const trigger = typeof job?.payload.trigger === 'string' ? job.payload.trigger : null;
  if (job !== undefined && isPending(job)) {
    return {
      ...base,
      status: 'in_progress',
      compaction_id: job.jobId,
      trigger_type: trigger,
      estimated_completion_seconds: estimatedSeconds,
    };
  }
  if (job?.status === 'failed' && (latest === undefined || (job.completedAt ?? '') > latest.createdAt)) {
    return {
      ...base,
      status: 'failed',
      compaction_id: job.jobId,
      trigger_type: trigger,
      completed_at: job.completedAt ?? null,
      error_message: job.errorMessage ?? 'the compaction failed',
    };
  }
  if (latest === undefined) return base;
  const producedLatest = job !== undefined && job.result.compactionId === latest.compactionId;
  const compactionMs =
    producedLatest && typeof job.result.compactionMs === 'number' ? job.result.compactionMs : null;
  return {
    ...base,
    status: 'completed',
    compaction_id: latest.compactionId,
    trigger_type: latest.trigger,
    completed_at: latest.createdAt,
    compaction_ms: compactionMs,
  };
}
