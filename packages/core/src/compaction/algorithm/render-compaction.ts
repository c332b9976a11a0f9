import { COMPACTED_FORMATS, type CompactedFormat } from '@engram/protocol';
import type { CompactionResult } from './compaction-types.js';
import { attributed, currentStateEntries, extractionGroups } from './render-parts.js';

/** Formats of `GET /v1/conversations/{id}/compacted` (E11): the wire enum. */
export { COMPACTED_FORMATS, type CompactedFormat };

/**
 * The compaction as E11 `formatted_context`. Pure; unknown formats render as
 * `structured`.
 * - `structured`: Markdown sections `## Summary`, `## Conversation` (the
 *   compacted context), `## Current State` (`- key: value`) and
 *   `## Key Extractions` (`### category`, `- Speaker: content`), every
 *   heading and line separated by a blank line, as in E9's structured style.
 * - `narrative`: the summary, then the compacted context, then one
 *   "Where things stand" paragraph (topic, open questions, decisions).
 * - `injection`: one block for a system prompt, wrapped in
 *   `<conversation_memory>` tags: summary, state, key points, history.
 */
export function renderCompaction(compaction: CompactionResult, format: string = 'structured'): string {
  if (format === 'narrative') return renderNarrative(compaction);
  if (format === 'injection') return renderInjection(compaction);
  return compactionSections(compaction).join('\n\n');
}

/**
 * The structured sections of a compaction, each heading and line its own
 * element, to be joined with blank lines (shared with E9's structured style).
 */
export function compactionSections(compaction: CompactionResult): string[] {
  const parts: string[] = [];
  if (compaction.summary !== '') parts.push('## Summary', compaction.summary);
  const history = compaction.compactedContext.split('\n').filter((line) => line.trim() !== '');
  if (history.length > 0) parts.push('## Conversation', ...history);
  const state = currentStateEntries(compaction.currentState);
  if (state.length > 0) parts.push('## Current State', ...state.map(([key, value]) => `- ${key}: ${value}`));
  const groups = extractionGroups(compaction.keyExtractions, compaction.currentState);
  if (groups.length > 0) {
    parts.push('## Key Extractions');
    for (const [category, items] of groups)
      parts.push(`### ${category}`, ...items.map((item) => `- ${attributed(item)}`));
  }
  return parts;
}

/** The "where things stand" sentences of a narrative rendering; '' when there is nothing to say. */
export function standingParagraph(compaction: CompactionResult): string {
  const state = compaction.currentState;
  const sentences: string[] = [];
  if (state.latest_topic !== '') sentences.push(`Most recently the talk was about ${state.latest_topic}.`);
  if (state.decisions.length > 0) sentences.push(`Decisions still standing: ${state.decisions.join(' ')}`);
  if (state.goals.length > 0) sentences.push(`Stated goals: ${state.goals.join(' ')}`);
  if (state.open_questions.length > 0) sentences.push(`Still open: ${state.open_questions.join(' ')}`);
  return sentences.length === 0 ? '' : `Where things stand: ${sentences.join(' ')}`;
}

function renderNarrative(compaction: CompactionResult): string {
  return [compaction.summary, compaction.compactedContext, standingParagraph(compaction)]
    .filter((part) => part !== '')
    .join('\n\n');
}

function renderInjection(compaction: CompactionResult): string {
  const lines: string[] = ['<conversation_memory>'];
  if (compaction.summary !== '') lines.push(`Summary: ${compaction.summary}`);
  const state = currentStateEntries(compaction.currentState);
  if (state.length > 0) lines.push('Current state:', ...state.map(([key, value]) => `- ${key}: ${value}`));
  const groups = extractionGroups(compaction.keyExtractions, compaction.currentState).filter(
    ([category]) => category !== 'facts',
  );
  if (groups.length > 0) {
    lines.push('Key points:');
    for (const [category, items] of groups)
      lines.push(...items.map((item) => `- (${category}) ${attributed(item)}`));
  }
  if (compaction.compactedContext !== '') lines.push('History:', compaction.compactedContext);
  lines.push('</conversation_memory>');
  return lines.join('\n');
}
