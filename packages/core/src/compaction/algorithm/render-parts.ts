import {
  type CurrentState,
  KEY_EXTRACTION_CATEGORIES,
  type KeyExtractionCategory,
  type KeyExtractionItem,
  type KeyExtractions,
} from './compaction-types.js';

/**
 * Current-state entries worth printing, as `[key, value]`: scalars as
 * themselves, lists and objects as JSON; empty strings, empty lists and
 * nulls are skipped (they cost tokens and say nothing). Keys keep their wire
 * names (`open_questions`), in a fixed order, unknown keys (from an LLM) last.
 */
export function currentStateEntries(state: CurrentState | Record<string, unknown>): [string, string][] {
  const order = ['latest_topic', 'goals', 'open_questions', 'decisions', 'participants', 'last_message_at'];
  const keys = [
    ...order.filter((key) => key in state),
    ...Object.keys(state).filter((key) => !order.includes(key)),
  ];
  const entries: [string, string][] = [];
  for (const key of keys) {
    const value = (state as Record<string, unknown>)[key];
    if (value === null || value === undefined || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    const text =
      typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : JSON.stringify(value);
    entries.push([key, text]);
  }
  return entries;
}

/**
 * Non-empty extraction categories with their items, in
 * {@link KEY_EXTRACTION_CATEGORIES} order. Decisions the current state
 * already lists as standing are left out: printing them twice costs tokens.
 */
export function extractionGroups(
  extractions: KeyExtractions,
  state?: CurrentState,
): [KeyExtractionCategory, KeyExtractionItem[]][] {
  const standing = new Set(state?.decisions ?? []);
  return KEY_EXTRACTION_CATEGORIES.map((category): [KeyExtractionCategory, KeyExtractionItem[]] => [
    category,
    category === 'decisions'
      ? extractions[category].filter((item) => !standing.has(attributed(item)))
      : extractions[category],
  ]).filter(([, items]) => items.length > 0);
}

/** "Caroline: content", or the content alone when the speaker is unknown. */
export function attributed(item: KeyExtractionItem): string {
  return item.speaker === null ? item.content : `${item.speaker}: ${item.content}`;
}
