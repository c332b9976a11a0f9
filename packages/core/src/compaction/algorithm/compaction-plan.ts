import type { StoredMessage } from '../../domain/conversation.js';
import type { CompactedHeader } from './compacted-text.js';
import {
  COMPACTION_LEVEL_PROFILES,
  type CompactionLevel,
  type CompactionLevelProfile,
  type CompactionStrategy,
  compactionBudget,
  parseCompactionStrategy,
  resolveCompactionLevel,
} from './compaction-level.js';
import type { CompactionResult } from './compaction-types.js';
import { classifyUnit } from './key-extractions.js';
import {
  type SentenceUnit,
  type SourceMessage,
  segmentsToSources,
  toSentenceUnits,
  toSourceMessages,
} from './sentence-units.js';
import { countTokens } from './token-count.js';

/** Input of a compaction, extractive or LLM. */
export interface CompactConversationInput {
  /**
   * The conversation's messages, oldest first (re-sorted by `sequence`
   * anyway). With `previous`, either all messages or only the new ones:
   * those at or before `previous.cutoffSequence` are ignored.
   */
  messages: readonly StoredMessage[];
  /** Any of the seven strategies (aliases, `adaptive`); null or absent means `adaptive`. */
  level?: string | null;
  /** Token budget of the compacted context; overrides the level's share when > 0. */
  targetTokens?: number | null;
  /** When the compaction runs (recorded as `compactedAt`). */
  now: Date;
  /** The latest compaction of this conversation, to compact incrementally on top of it. */
  previous?: CompactionResult | undefined;
}

/** Everything both compactors decide before choosing content. */
export interface CompactionPlan {
  previous: CompactionResult | undefined;
  /** Messages after the previous cutoff, by sequence. */
  fresh: StoredMessage[];
  /** BPE tokens of `fresh`. */
  newTokens: number;
  originalTokenCount: number;
  strategy: CompactionStrategy;
  level: CompactionLevel;
  profile: CompactionLevelProfile;
  budget: number;
  /** Previous kept segments, then the fresh messages. */
  sources: SourceMessage[];
  units: SentenceUnit[];
  /** Cue flags per unit (see `classifyUnit`). */
  flags: Uint8Array;
  header: CompactedHeader;
}

/**
 * Resolves level and budget, finds speakers and splits sentences. Throws
 * EngramError INVALID_INPUT on an unknown strategy. Pure.
 */
export function planCompaction(input: CompactConversationInput): CompactionPlan {
  const previous = input.previous;
  const fresh = [...input.messages]
    .filter((message) => previous === undefined || message.sequence > previous.cutoffSequence)
    .sort((left, right) => left.sequence - right.sequence);
  const newTokens = fresh.reduce((sum, message) => sum + countTokens(message.content), 0);
  const originalTokenCount = (previous?.originalTokenCount ?? 0) + newTokens;
  const strategy = parseCompactionStrategy(input.level);
  const level = resolveCompactionLevel(strategy, {
    originalTokens: originalTokenCount,
    targetTokens: input.targetTokens,
  });
  const knownSpeakers = new Set(previous?.currentState.participants ?? []);
  const sources = [...segmentsToSources(previous?.segments ?? []), ...toSourceMessages(fresh, knownSpeakers)];
  const units = toSentenceUnits(sources);
  const participants = [
    ...new Set([
      ...(previous?.currentState.participants ?? []),
      ...sources.filter((source) => !isSyntheticSpeaker(source.speaker)).map((source) => source.speaker),
    ]),
  ];
  return {
    previous,
    fresh,
    newTokens,
    originalTokenCount,
    strategy,
    level,
    profile: COMPACTION_LEVEL_PROFILES[level],
    budget: compactionBudget(level, originalTokenCount, input.targetTokens),
    sources,
    units,
    flags: Uint8Array.from(units, classifyUnit),
    header: {
      participants,
      messageCount: (previous?.messageCount ?? 0) + fresh.length,
      firstMessageAt: previous?.firstMessageAt ?? fresh[0]?.recordedAt ?? null,
      lastMessageAt: fresh.at(-1)?.recordedAt ?? previous?.currentState.last_message_at ?? null,
    },
  };
}

/** Speaker label of segments that carry an LLM summary rather than a person's words. */
export const SUMMARY_SPEAKER = 'Summary';

function isSyntheticSpeaker(speaker: string): boolean {
  return speaker === SUMMARY_SPEAKER;
}
