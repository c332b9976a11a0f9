import { renderHeader } from './compacted-text.js';
import type { CompactionContent } from './compaction-outcome.js';
import { type CompactionPlan, SUMMARY_SPEAKER } from './compaction-plan.js';
import {
  type CompactedSegment,
  type CurrentState,
  KEY_EXTRACTION_CATEGORIES,
  type KeyExtractionItem,
  type KeyExtractions,
} from './compaction-types.js';
import { mergeKeyExtractions } from './key-extractions.js';
import type { LlmCompactionReply } from './llm-compaction-prompt.js';
import { formatDay } from './text-analysis.js';

type ReplyItem =
  | string
  | { content: string; speaker?: string | null | undefined; source?: number | null | undefined };

/**
 * Maps a validated model reply onto compaction content. Items citing a
 * transcript line (`source` = its sequence) take speaker, message id and
 * time from that message; others keep the model's speaker, or null. Blank
 * strings are dropped, lists are capped per the level, and previous
 * extractions are merged in. The compacted context is the header, the
 * summary and the key points ("- (decision, 8 May 2023) Caroline: ..."),
 * so it reads on its own. Segments carry the cited items and the summary,
 * so a later extractive run can re-compact them. Pure.
 */
export function mapLlmCompaction(reply: LlmCompactionReply, plan: CompactionPlan): CompactionContent {
  const bySequence = new Map(
    plan.sources.filter((source) => !source.fromPrevious).map((s) => [s.sequence, s]),
  );
  const toItem = (raw: ReplyItem): KeyExtractionItem | undefined => {
    const content = (typeof raw === 'string' ? raw : raw.content).trim();
    if (content === '') return undefined;
    const source = typeof raw === 'string' || raw.source == null ? undefined : bySequence.get(raw.source);
    const speaker = typeof raw === 'string' ? null : (raw.speaker?.trim() ?? null) || null;
    return {
      content,
      speaker: source?.speaker ?? speaker,
      message_id: source?.messageId ?? null,
      timestamp: source?.recordedAt ?? null,
    };
  };
  const cap = plan.profile.maxItemsPerCategory;
  const extracted = Object.fromEntries(
    KEY_EXTRACTION_CATEGORIES.map((category) => [
      category,
      (reply.key_extractions?.[category] ?? [])
        .map(toItem)
        .filter((item) => item !== undefined)
        .slice(0, cap),
    ]),
  ) as unknown as KeyExtractions;
  const keyExtractions = mergeKeyExtractions(plan.previous?.keyExtractions, extracted, cap);
  const summary = reply.summary.trim();
  const state = reply.current_state;
  const lastSource = plan.sources.at(-1);
  const currentState: CurrentState = {
    goals: cleanList(state?.goals),
    open_questions: cleanList(state?.open_questions),
    decisions: cleanList(state?.decisions),
    latest_topic: state?.latest_topic?.trim() ?? '',
    participants: plan.header.participants.slice(),
    last_message_at: plan.header.lastMessageAt,
  };
  const keyLines = KEY_EXTRACTION_CATEGORIES.flatMap((category) =>
    keyExtractions[category].map((item) => `- (${category.replace(/s$/, '')}${dated(item)}) ${said(item)}`),
  );
  const compactedContext = [
    renderHeader(plan.header),
    summary,
    ...(keyLines.length > 0 ? ['Key points:', ...keyLines] : []),
  ]
    .filter((part) => part !== '')
    .join('\n');
  // Cited items become segments at their message, the summary one at the cutoff: what a later
  // extractive run re-compacts.
  const seen = new Set<string>();
  const segments: CompactedSegment[] = [];
  for (const item of KEY_EXTRACTION_CATEGORIES.flatMap((category) => extracted[category])) {
    const source =
      item.message_id === null ? undefined : plan.sources.find((s) => s.messageId === item.message_id);
    if (source === undefined || seen.has(item.content)) continue;
    seen.add(item.content);
    segments.push({
      sequence: source.sequence,
      messageId: source.messageId,
      speaker: source.speaker,
      recordedAt: source.recordedAt,
      text: item.content,
    });
  }
  segments.sort((left, right) => left.sequence - right.sequence);
  if (summary !== '' && lastSource !== undefined) {
    segments.push({
      sequence: lastSource.sequence,
      messageId: lastSource.messageId,
      speaker: SUMMARY_SPEAKER,
      recordedAt: lastSource.recordedAt,
      text: summary,
    });
  }
  return { compactedContext, summary, currentState, keyExtractions, segments, method: 'llm' };
}

function cleanList(values: readonly string[] | null | undefined): string[] {
  return (values ?? []).map((value) => value.trim()).filter((value) => value !== '');
}

function dated(item: KeyExtractionItem): string {
  return item.timestamp === null ? '' : `, ${formatDay(item.timestamp)}`;
}

function said(item: KeyExtractionItem): string {
  return item.speaker === null ? item.content : `${item.speaker}: ${item.content}`;
}
