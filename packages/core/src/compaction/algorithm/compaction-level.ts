import { COMPACTION_LEVELS } from '@engram/protocol';
import { EngramError } from '../../errors/engram-error.js';

/**
 * The seven values of the Synap `CompactionLevel` enum, all equally valid on
 * the wire (`strategy` of E10, `strategy_used` / `level_applied` of E11): the
 * protocol package's list, under the engine's name for it.
 */
export const COMPACTION_STRATEGIES = COMPACTION_LEVELS;

/** A strategy a caller may ask for: one of {@link COMPACTION_STRATEGIES}. */
export type CompactionStrategy = (typeof COMPACTION_STRATEGIES)[number];

/** A level the engine actually runs; aliases and `adaptive` resolve to one of these. */
export type CompactionLevel = 'conservative' | 'balanced' | 'aggressive';

/** What a level means in numbers. */
export interface CompactionLevelProfile {
  /** Share of the original tokens the compacted context may use when no `targetTokens` is given. */
  budgetRatio: number;
  /** `validationScore` at or above which the compaction passes. */
  validationThreshold: number;
  /** Most items kept per key-extraction category. */
  maxItemsPerCategory: number;
  /** Sentences of the extractive summary. */
  summarySentences: number;
}

/**
 * Budgets and thresholds per level. Thresholds sit below what a compaction
 * at the level's share scores on LoCoMo (lowest of 10 conversations: 0.98,
 * 0.94, 0.74) and on a dense synthetic chat where every turn carries new
 * names and numbers (0.90, 0.75, 0.55), so a score under them means key
 * facts were lost beyond what the level implies (measured by
 * bench/compaction/measure-compaction.ts).
 */
export const COMPACTION_LEVEL_PROFILES: Readonly<Record<CompactionLevel, CompactionLevelProfile>> = {
  conservative: { budgetRatio: 0.5, validationThreshold: 0.85, maxItemsPerCategory: 20, summarySentences: 5 },
  balanced: { budgetRatio: 0.25, validationThreshold: 0.7, maxItemsPerCategory: 12, summarySentences: 4 },
  aggressive: { budgetRatio: 0.1, validationThreshold: 0.5, maxItemsPerCategory: 6, summarySentences: 3 },
};

// Aliases name how much is compressed: `low` compression keeps the most (conservative), `high` the least.
const ALIASES: Readonly<Record<CompactionStrategy, CompactionLevel | 'adaptive'>> = {
  low: 'conservative',
  medium: 'balanced',
  high: 'aggressive',
  conservative: 'conservative',
  balanced: 'balanced',
  aggressive: 'aggressive',
  adaptive: 'adaptive',
};

// Adaptive without a target: short conversations keep half, long ones are squeezed toward a few
// thousand tokens, which is what fits comfortably next to a system prompt.
const ADAPTIVE_CONSERVATIVE_MAX_TOKENS = 4_000;
const ADAPTIVE_BALANCED_MAX_TOKENS = 12_000;

/** The strategy used when the caller sends none (E10 allows `strategy: null`). */
export const DEFAULT_COMPACTION_STRATEGY: CompactionStrategy = 'adaptive';

/** True when `value` is one of the seven wire values (exact, lower-case). */
export function isCompactionStrategy(value: unknown): value is CompactionStrategy {
  return typeof value === 'string' && (COMPACTION_STRATEGIES as readonly string[]).includes(value);
}

/**
 * Normalises a caller's strategy: trims and lower-cases it; null, undefined
 * and '' give {@link DEFAULT_COMPACTION_STRATEGY}. Throws EngramError
 * INVALID_INPUT for anything else, so `strategy_used` is always valid.
 */
export function parseCompactionStrategy(value: string | null | undefined): CompactionStrategy {
  const normalized = (value ?? '').trim().toLowerCase();
  if (normalized === '') return DEFAULT_COMPACTION_STRATEGY;
  if (isCompactionStrategy(normalized)) return normalized;
  throw new EngramError('INVALID_INPUT', 'strategy must be one of the compaction levels', {
    details: { field: 'strategy', allowed: [...COMPACTION_STRATEGIES] },
  });
}

/** Sizes {@link resolveCompactionLevel} decides from. */
export interface CompactionSizing {
  /** BPE tokens of the conversation to compact. */
  originalTokens: number;
  /** The caller's token target, if any (E10 `target_tokens`). */
  targetTokens?: number | null | undefined;
}

/**
 * The concrete level a strategy runs at. Aliases map by compression strength:
 * `low` → conservative, `medium` → balanced, `high` → aggressive. `adaptive`
 * (and no strategy) picks from the target's share of the original when a
 * target is given (≥ 40% conservative, ≥ 17% balanced, else aggressive), and
 * otherwise from the length (≤ 4k tokens conservative, ≤ 12k balanced, else
 * aggressive). Throws INVALID_INPUT on an unknown strategy. Pure.
 */
export function resolveCompactionLevel(
  strategy: string | null | undefined,
  sizing: CompactionSizing,
): CompactionLevel {
  const resolved = ALIASES[parseCompactionStrategy(strategy)];
  if (resolved !== 'adaptive') return resolved;
  const { originalTokens, targetTokens } = sizing;
  if (targetTokens !== undefined && targetTokens !== null && targetTokens > 0 && originalTokens > 0) {
    const share = targetTokens / originalTokens;
    if (share >= 0.4) return 'conservative';
    if (share >= 0.17) return 'balanced';
    return 'aggressive';
  }
  if (originalTokens <= ADAPTIVE_CONSERVATIVE_MAX_TOKENS) return 'conservative';
  if (originalTokens <= ADAPTIVE_BALANCED_MAX_TOKENS) return 'balanced';
  return 'aggressive';
}

/**
 * Token budget of the compacted context: `targetTokens` when given (> 0),
 * else the level's share of the original, never below a floor of 24 tokens
 * (room for a header and one sentence) unless the original is smaller.
 */
export function compactionBudget(
  level: CompactionLevel,
  originalTokens: number,
  targetTokens?: number | null,
): number {
  const wanted =
    targetTokens !== undefined && targetTokens !== null && targetTokens > 0
      ? Math.floor(targetTokens)
      : Math.round(originalTokens * COMPACTION_LEVEL_PROFILES[level].budgetRatio);
  return Math.max(wanted, Math.min(24, originalTokens));
}
