import type { StoredMessage } from '../../domain/conversation.js';
import type { CompactedSegment } from './compaction-types.js';
import { annotateRelativeDates } from './relative-dates.js';
import {
  contentTerms,
  dayKey,
  isGenericWord,
  type SentenceSignals,
  sentenceSignals,
  words,
} from './text-analysis.js';
import { countTokens } from './token-count.js';

/** One source message reduced to what the stages need. */
export interface SourceMessage {
  sequence: number;
  messageId: string;
  speaker: string;
  recordedAt: string;
  /** The content without its "Speaker: " prefix. */
  text: string;
  /** True when it comes from a previous compaction's kept segments. */
  fromPrevious: boolean;
}

/** One sentence: the unit that is scored, selected and extracted. */
export interface SentenceUnit {
  /** Position in conversation order, from 0. */
  index: number;
  /** Index of its message in the source list. */
  messageIndex: number;
  sequence: number;
  messageId: string;
  speaker: string;
  recordedAt: string;
  /** UTC calendar day of `recordedAt` ("2023-05-08"). */
  day: string;
  /** The sentence as said. */
  text: string;
  /** The sentence with relative dates resolved; what the compacted context shows. */
  displayText: string;
  /** Stemmed content terms, repeats kept. */
  terms: string[];
  signals: SentenceSignals;
  isQuestion: boolean;
  /** BPE tokens of `displayText`. */
  tokens: number;
  fromPrevious: boolean;
}

const SPEAKER_PREFIX = /^\s*(\p{Lu}[\p{L}\p{N}.'’-]*(?: \p{Lu}[\p{L}\p{N}.'’-]*){0,2}):\s+/u;
const SENTENCE_BREAK = /(?<=[.!?…]["'”’)]*)\s+(?=["'“‘(]?[\p{Lu}\p{N}])|\s*\n+\s*/u;

/**
 * Maps stored messages to sources, finding who spoke. A "Name: " prefix
 * counts as the speaker when the same name prefixes at least two messages,
 * is already in `knownSpeakers`, or at least half the messages carry a
 * prefix (a named transcript), so a lone "Note: buy milk" is not a person;
 * otherwise `metadata.speaker` or `metadata.name`, else the role
 * ("User", "Assistant"). Messages with blank content are dropped.
 */
export function toSourceMessages(
  messages: readonly StoredMessage[],
  knownSpeakers: ReadonlySet<string> = new Set(),
): SourceMessage[] {
  const prefixCounts = new Map<string, number>();
  for (const message of messages) {
    const name = SPEAKER_PREFIX.exec(message.content)?.[1];
    if (name !== undefined && name.length <= 40) prefixCounts.set(name, (prefixCounts.get(name) ?? 0) + 1);
  }
  // When most messages open with a name, it is a transcript of named speakers: trust every prefix.
  let prefixed = 0;
  for (const count of prefixCounts.values()) prefixed += count;
  const transcriptLike = prefixed >= 2 && prefixed * 2 >= messages.length;
  const sources: SourceMessage[] = [];
  for (const message of messages) {
    if (message.content.trim().length === 0) continue;
    const prefix = SPEAKER_PREFIX.exec(message.content);
    const name = prefix?.[1];
    const isSpeaker =
      name !== undefined && ((prefixCounts.get(name) ?? 0) >= 2 || knownSpeakers.has(name) || transcriptLike);
    const text = isSpeaker && prefix ? message.content.slice(prefix[0].length) : message.content;
    sources.push({
      sequence: message.sequence,
      messageId: message.messageId,
      speaker: isSpeaker && name !== undefined ? name : (metadataSpeaker(message) ?? roleLabel(message.role)),
      recordedAt: message.recordedAt,
      text: text.trim(),
      fromPrevious: false,
    });
  }
  return sources;
}

/** Sources for a previous compaction's kept segments, so they are re-compacted with new messages. */
export function segmentsToSources(segments: readonly CompactedSegment[]): SourceMessage[] {
  return segments.map((segment) => ({
    sequence: segment.sequence,
    messageId: segment.messageId,
    speaker: segment.speaker,
    recordedAt: segment.recordedAt,
    text: segment.text,
    fromPrevious: true,
  }));
}

/**
 * Splits sources into sentence units, in order. Relative dates are resolved
 * against each message's time. Participants' names (and short forms such as
 * "Mel" for Melanie) are left out of terms and entities: in chat they are
 * mostly vocatives ("Wow, Caroline!") and carry no fact.
 */
export function toSentenceUnits(sources: readonly SourceMessage[]): SentenceUnit[] {
  const isParticipant = participantMatcher(sources.map((source) => source.speaker));
  const units: SentenceUnit[] = [];
  sources.forEach((source, messageIndex) => {
    const day = dayKey(source.recordedAt);
    for (const sentence of splitSentences(source.text)) {
      // Segments already carry their resolved dates; resolving again would double them.
      const displayText = source.fromPrevious ? sentence : annotateRelativeDates(sentence, source.recordedAt);
      units.push({
        index: units.length,
        messageIndex,
        sequence: source.sequence,
        messageId: source.messageId,
        speaker: source.speaker,
        recordedAt: source.recordedAt,
        day,
        text: sentence,
        displayText,
        terms: contentTerms(sentence).filter((term) => !isGenericWord(term) && !isParticipant(term)),
        signals: withoutParticipants(sentenceSignals(sentence), isParticipant),
        isQuestion: /\?\s*["'”’)]*$/.test(sentence),
        tokens: countTokens(displayText),
        fromPrevious: source.fromPrevious,
      });
    }
  });
  addLeadingNames(units);
  return units;
}

/** A sentence-initial word is a name when the conversation also capitalises it mid-sentence. */
function addLeadingNames(units: SentenceUnit[]): void {
  const names = new Set(units.flatMap((unit) => unit.signals.entities));
  for (const unit of units) {
    const leading = unit.signals.leadingWord;
    if (leading !== undefined && names.has(leading) && !unit.signals.entities.includes(leading)) {
      unit.signals = { ...unit.signals, entities: [leading, ...unit.signals.entities] };
    }
  }
}

function participantMatcher(speakers: readonly string[]): (word: string) => boolean {
  const names = [...new Set(speakers.flatMap((speaker) => words(speaker)))].filter(
    (name) => name.length >= 3,
  );
  const exact = new Set(names);
  return (word) => exact.has(word) || (word.length >= 3 && names.some((name) => name.startsWith(word)));
}

function withoutParticipants(
  signals: SentenceSignals,
  isParticipant: (word: string) => boolean,
): SentenceSignals {
  if (!signals.entities.some(isParticipant)) return signals;
  return { ...signals, entities: signals.entities.filter((entity) => !isParticipant(entity)) };
}

/** Sentences of one message, whitespace collapsed, empty pieces dropped. */
export function splitSentences(text: string): string[] {
  return text
    .split(SENTENCE_BREAK)
    .map((piece) => piece.replace(/\s+/g, ' ').trim())
    .filter((piece) => piece.length > 0);
}

function metadataSpeaker(message: StoredMessage): string | undefined {
  for (const key of ['speaker', 'name']) {
    const value = message.metadata[key];
    if (typeof value === 'string' && value.trim().length > 0 && value.length <= 40) return value.trim();
  }
  return undefined;
}

function roleLabel(role: string): string {
  return role === 'assistant' ? 'Assistant' : 'User';
}
