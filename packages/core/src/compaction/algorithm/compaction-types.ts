import type { CompactionLevel, CompactionStrategy } from './compaction-level.js';

/**
 * One extracted item, wire-shaped (snake_case) because it travels verbatim in
 * `key_extractions`, `facts[]`, `decisions[]` and `preferences[]`. Source
 * fields are null when the item cannot be traced to one message (LLM output).
 */
export interface KeyExtractionItem {
  content: string;
  speaker: string | null;
  message_id: string | null;
  /** ISO-8601 time the source message was recorded. */
  timestamp: string | null;
}

/** Extractions by category; the four categories are always present, possibly empty. */
export interface KeyExtractions {
  facts: KeyExtractionItem[];
  decisions: KeyExtractionItem[];
  preferences: KeyExtractionItem[];
  constraints: KeyExtractionItem[];
}

/** The categories of {@link KeyExtractions}, in rendering order. */
export const KEY_EXTRACTION_CATEGORIES = ['facts', 'decisions', 'preferences', 'constraints'] as const;

/** One category of {@link KeyExtractions}. */
export type KeyExtractionCategory = (typeof KEY_EXTRACTION_CATEGORIES)[number];

/**
 * Where the conversation stands at its cutoff, wire-shaped (`current_state`).
 * Lists hold sentences with their speaker ("Caroline: ..."), latest last.
 */
export interface CurrentState {
  /** What participants said they want or plan to do. */
  goals: string[];
  /** Recent questions nobody has answered yet. */
  open_questions: string[];
  /** Decisions not superseded by a later one. */
  decisions: string[];
  /** Keywords of the last few turns; '' when there is nothing to say. */
  latest_topic: string;
  participants: string[];
  /** ISO-8601 time of the last compacted message; null for an empty conversation. */
  last_message_at: string | null;
}

/**
 * A kept piece of one source message: the sentences selected from it, in
 * order. Kept so a later compaction can re-compact the compacted history
 * together with new messages (`previous`).
 */
export interface CompactedSegment {
  sequence: number;
  messageId: string;
  speaker: string;
  recordedAt: string;
  /** Kept sentences, joined with spaces; relative dates may carry a resolved date in brackets. */
  text: string;
}

/** The outcome of one compaction; the server stores it and renders it per format and style. */
export interface CompactionResult {
  /** Self-contained condensed history: a header, then dated, speaker-attributed lines, oldest first. */
  compactedContext: string;
  /** A few sentences: participants, span, topics and the most central statements. */
  summary: string;
  currentState: CurrentState;
  keyExtractions: KeyExtractions;
  /** What `compactedContext` was rendered from, oldest first. */
  segments: CompactedSegment[];
  /** BPE tokens (o200k_base) of everything compacted, previous compactions included. */
  originalTokenCount: number;
  /** BPE tokens of `compactedContext`. */
  compactedTokenCount: number;
  /** originalTokenCount / compactedTokenCount (4 means four times smaller); 1 when nothing was compacted. */
  compressionRatio: number;
  /** Weighted share (0..1) of the original's key facts (names, numbers, dates, decisions) still in `compactedContext`. */
  validationScore: number;
  /** `validationScore` reached the level's threshold. */
  validationPassed: boolean;
  /** True when validation failed or the budget could not be met. */
  qualityWarning: boolean;
  /** Human-readable notes behind `qualityWarning` (no user content). */
  warnings: string[];
  /** The strategy asked for, normalised (any of the seven values). */
  strategyUsed: CompactionStrategy;
  /** The level that ran. */
  levelApplied: CompactionLevel;
  /** The budget the compacted context was fitted to. */
  budgetTokens: number;
  /** ISO-8601 time of the first message covered (kept across incremental runs); null when empty. */
  firstMessageAt: string | null;
  /** Sequence of the last message covered; 0 when nothing was compacted. */
  cutoffSequence: number;
  /** Messages covered, previous compactions included. */
  messageCount: number;
  /** ISO-8601 time the compaction ran (the caller's `now`). */
  compactedAt: string;
  /** How it was made. */
  method: 'extractive' | 'llm';
}
