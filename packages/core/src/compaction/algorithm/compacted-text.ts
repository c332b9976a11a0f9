import type { CompactedSegment } from './compaction-types.js';
import type { SentenceUnit } from './sentence-units.js';
import { dayKey, formatDay } from './text-analysis.js';

/** What the header line of a compacted context states. */
export interface CompactedHeader {
  participants: readonly string[];
  messageCount: number;
  firstMessageAt: string | null;
  lastMessageAt: string | null;
}

/** Groups selected units (conversation order) into one segment per source message. */
export function toSegments(units: readonly SentenceUnit[], selected: readonly number[]): CompactedSegment[] {
  const segments: CompactedSegment[] = [];
  let lastMessage = -1;
  for (const position of selected) {
    const unit = units[position]!;
    const current = segments.at(-1);
    if (current !== undefined && unit.messageIndex === lastMessage) {
      current.text += ` ${unit.displayText}`;
      continue;
    }
    lastMessage = unit.messageIndex;
    segments.push({
      sequence: unit.sequence,
      messageId: unit.messageId,
      speaker: unit.speaker,
      recordedAt: unit.recordedAt,
      text: unit.displayText,
    });
  }
  return segments;
}

/** "Earlier conversation between A and B (12 messages, 8 May 2023 – 9 May 2023), condensed:" */
export function renderHeader(header: CompactedHeader): string {
  const who = header.participants.length > 0 ? ` between ${joinNames(header.participants)}` : '';
  const first = header.firstMessageAt === null ? '' : formatDay(header.firstMessageAt);
  const last = header.lastMessageAt === null ? '' : formatDay(header.lastMessageAt);
  const span = first === '' ? '' : first === last || last === '' ? `, ${first}` : `, ${first} – ${last}`;
  const noun = header.messageCount === 1 ? 'message' : 'messages';
  return `Earlier conversation${who} (${header.messageCount} ${noun}${span}), condensed:`;
}

/** The date header opening a day's lines. */
export function renderDayLine(recordedAt: string): string {
  return `[${formatDay(recordedAt) || recordedAt}]`;
}

/**
 * The compacted context: the header, then per calendar day a "[8 May 2023]"
 * line followed by one "Speaker: kept sentences" line per message, oldest
 * first. An empty segment list gives the header alone ('' when no header).
 */
export function renderCompactedContext(header: string, segments: readonly CompactedSegment[]): string {
  const lines: string[] = header === '' ? [] : [header];
  let currentDay = '';
  for (const segment of segments) {
    const day = dayKey(segment.recordedAt);
    if (day !== currentDay) {
      lines.push(renderDayLine(segment.recordedAt));
      currentDay = day;
    }
    lines.push(`${segment.speaker}: ${segment.text}`);
  }
  return lines.join('\n');
}

/** "A", "A and B", "A, B and C". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
