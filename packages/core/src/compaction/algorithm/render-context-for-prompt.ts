import { PROMPT_STYLES, type PromptStyle } from '@engram/protocol';
import type { StoredMessage } from '../../domain/conversation.js';
import type { CompactionResult } from './compaction-types.js';
import { compactionSections, standingParagraph } from './render-compaction.js';
import { attributed, currentStateEntries, extractionGroups } from './render-parts.js';
import { formatDay } from './text-analysis.js';

/** Styles of `GET /v1/conversations/{id}/context-for-prompt` (E9): the wire enum. */
export const CONTEXT_PROMPT_STYLES = PROMPT_STYLES;

/** One of {@link CONTEXT_PROMPT_STYLES}. */
export type ContextPromptStyle = PromptStyle;

/** Input of {@link renderContextForPrompt}. */
export interface ContextForPromptInput {
  /** The latest compaction, if any. */
  compaction?: CompactionResult | undefined;
  /** Raw turns after the compaction's cutoff (all turns when there is none), oldest first. */
  messagesAfterCutoff: readonly StoredMessage[];
  /** Unknown styles fall back to `structured`, as the Synap SDK's local renderer does. */
  style?: string;
}

/**
 * E9 `formatted_context`: the latest compaction followed by the raw turns
 * after its cutoff, laid out per style (spec §3.6). '' when there is neither.
 * - `structured`: `## Summary`, `## Conversation`, `## Current State`
 *   (`- key: value`), `## Key Extractions` (`### category`, `- Speaker:
 *   content`), `## Recent Turns (N)` (`**role**: content`); every heading
 *   and line separated by a blank line.
 * - `narrative`: the summary, the compacted conversation, where things
 *   stand, then `Recent exchanges:` and `role: content` lines.
 * - `bullet_points`: `- Summary: …`, `- (day) Speaker: …` per kept line,
 *   `- key: value`, `- (category) Speaker: content`, `- role: content`,
 *   joined by single newlines.
 * Without a compaction only the recent turns are rendered, in the same
 * layout the server uses before any compaction. Pure.
 */
export function renderContextForPrompt(input: ContextForPromptInput): string {
  const { compaction, messagesAfterCutoff: messages } = input;
  const style = input.style === 'narrative' || input.style === 'bullet_points' ? input.style : 'structured';
  if (style === 'bullet_points') return renderBullets(compaction, messages);
  if (style === 'narrative') return renderNarrative(compaction, messages);
  const parts = compaction === undefined ? [] : compactionSections(compaction);
  if (messages.length > 0) {
    parts.push(
      `## Recent Turns (${messages.length})`,
      ...messages.map((message) => `**${message.role}**: ${message.content}`),
    );
  }
  return parts.join('\n\n');
}

function renderNarrative(
  compaction: CompactionResult | undefined,
  messages: readonly StoredMessage[],
): string {
  const blocks: string[] = [];
  if (compaction !== undefined) {
    blocks.push(compaction.summary, compaction.compactedContext, standingParagraph(compaction));
  }
  if (messages.length > 0) {
    blocks.push(
      ['Recent exchanges:', ...messages.map((message) => `${message.role}: ${message.content}`)].join('\n'),
    );
  }
  return blocks.filter((block) => block !== '').join('\n\n');
}

function renderBullets(compaction: CompactionResult | undefined, messages: readonly StoredMessage[]): string {
  const lines: string[] = [];
  if (compaction !== undefined) {
    if (compaction.summary !== '') lines.push(`- Summary: ${compaction.summary}`);
    for (const segment of compaction.segments) {
      lines.push(`- (${formatDay(segment.recordedAt)}) ${segment.speaker}: ${segment.text}`);
    }
    for (const [key, value] of currentStateEntries(compaction.currentState)) lines.push(`- ${key}: ${value}`);
    for (const [category, items] of extractionGroups(compaction.keyExtractions, compaction.currentState)) {
      // Facts are already among the kept lines above; listing them again costs tokens for nothing.
      if (category === 'facts' && compaction.segments.length > 0) continue;
      lines.push(...items.map((item) => `- (${category}) ${attributed(item)}`));
    }
  }
  lines.push(...messages.map((message) => `- ${message.role}: ${message.content}`));
  return lines.join('\n');
}
