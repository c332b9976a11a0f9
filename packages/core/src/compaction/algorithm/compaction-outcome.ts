import type { CompactionPlan } from './compaction-plan.js';
import type { CompactedSegment, CompactionResult, CurrentState, KeyExtractions } from './compaction-types.js';
import { compactionValidationScore } from './key-fact-validation.js';
import { countTokens } from './token-count.js';

/** The content a compactor chose; {@link assembleResult} measures and validates it. */
export interface CompactionContent {
  compactedContext: string;
  summary: string;
  currentState: CurrentState;
  keyExtractions: KeyExtractions;
  segments: CompactedSegment[];
  method: CompactionResult['method'];
}

/**
 * Completes a compaction result from a plan and the chosen content: BPE
 * counts, compression ratio (original / compacted, 2 decimals), validation
 * against the level's threshold, warnings, cutoff and bookkeeping. Pure.
 */
export function assembleResult(
  plan: CompactionPlan,
  content: CompactionContent,
  now: Date,
): CompactionResult {
  const compactedTokenCount = countTokens(content.compactedContext);
  const validationScore = compactionValidationScore(
    plan.units,
    plan.flags,
    content.compactedContext,
    plan.previous,
    plan.newTokens,
  );
  const validationPassed = validationScore >= plan.profile.validationThreshold;
  const warnings: string[] = [];
  if (!validationPassed) warnings.push(`validation score below the ${plan.level} threshold`);
  if (compactedTokenCount > plan.budget) warnings.push('compacted context exceeds the token budget');
  return {
    ...content,
    firstMessageAt: plan.header.firstMessageAt,
    originalTokenCount: plan.originalTokenCount,
    compactedTokenCount,
    compressionRatio: compactedTokenCount === 0 ? 1 : round(plan.originalTokenCount / compactedTokenCount, 2),
    validationScore: round(validationScore, 3),
    validationPassed,
    qualityWarning: warnings.length > 0,
    warnings,
    strategyUsed: plan.strategy,
    levelApplied: plan.level,
    budgetTokens: plan.budget,
    cutoffSequence: plan.fresh.at(-1)?.sequence ?? plan.previous?.cutoffSequence ?? 0,
    messageCount: plan.header.messageCount,
    compactedAt: now.toISOString(),
  };
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
