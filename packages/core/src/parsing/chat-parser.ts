import type { DocumentSegment, DocumentType, ParsedDocument } from '../domain/memory.js';
import { inferDateOrder } from '../text/numeric-dates.js';
import { clockTimeToIso, type ReferenceTime, referenceTimeOf } from '../text/reference-time.js';
import { chunkProse } from './prose-chunker.js';
import { parseTurns, type Turn } from './turn-parser.js';

/** Segments and speakers built from labelled turns. */
export interface TurnSegments {
  segments: DocumentSegment[];
  /** Speakers in order of first appearance. */
  participants: string[];
  /** Roles given in labels ("Alice (PM):"), by speaker. */
  roles: Record<string, string>;
}

/**
 * Turns → segments: one segment per turn with text, verbatim "Name: text" source
 * lines and a timestamp (the label's clock time on the document's day, else the
 * document time). Lines before the first label become speaker-less segments.
 * Turns with no text are dropped. `elapsedClock` reads clock values as offsets
 * from the document start (recordings).
 */
export function segmentsFromTurns(
  turns: readonly Turn[],
  preamble: readonly string[],
  createdAt: string,
  reference: ReferenceTime,
  elapsedClock = false,
): TurnSegments {
  const segments: DocumentSegment[] = [];
  const participants: string[] = [];
  const roles: Record<string, string> = {};
  for (const line of preamble) {
    segments.push({
      index: segments.length,
      speaker: undefined,
      text: line,
      sourceLine: line,
      timestamp: createdAt,
    });
  }
  for (const turn of turns) {
    if (!participants.includes(turn.speaker)) participants.push(turn.speaker);
    if (turn.role !== undefined) roles[turn.speaker] = turn.role;
    const text = turn.textLines.join('\n').trim();
    if (text === '') continue;
    const clock = turn.clock === undefined ? undefined : clockTimeToIso(turn.clock, reference, elapsedClock);
    segments.push({
      index: segments.length,
      speaker: turn.speaker,
      text,
      sourceLine: turn.sourceLines.join('\n'),
      timestamp: clock ?? createdAt,
    });
  }
  return { segments, participants, roles };
}

/** Prose → speaker-less segments, for text that has no speaker labels at all. */
export function proseSegments(text: string, createdAt: string): DocumentSegment[] {
  return chunkProse(text).map((chunk, index) => ({
    index,
    speaker: undefined,
    text: chunk.text,
    sourceLine: chunk.sourceLine,
    timestamp: createdAt,
  }));
}

/**
 * Parses an `ai-chat-conversation`: "Name: text" lines (also "User:", "[10:32] Name:",
 * "**Name:**"), with unlabelled lines continuing the previous turn. Text with no
 * label at all falls back to prose chunks without a speaker
 * (`attributes.format = 'prose-fallback'`). Never throws on odd text.
 */
export function parseChatConversation(
  text: string,
  createdAt: string,
  documentType: DocumentType = 'ai-chat-conversation',
): ParsedDocument {
  const parsed = parseTurns(text);
  // Exports date every message ("03/03/2024, 19:42"); a "25/03/2024" anywhere settles how "03/04" reads.
  const clocks = parsed.turns.flatMap((turn) => (turn.clock === undefined ? [] : [turn.clock]));
  const reference: ReferenceTime = { ...referenceTimeOf(createdAt), dateOrder: inferDateOrder(clocks) };
  if (parsed.turns.length === 0) {
    return {
      documentType,
      createdAt,
      segments: proseSegments(text, createdAt),
      participants: [],
      attributes: { format: 'prose-fallback' },
    };
  }
  const built = segmentsFromTurns(parsed.turns, parsed.preamble, createdAt, reference);
  const attributes: Record<string, unknown> = { format: 'speaker-turns' };
  if (Object.keys(built.roles).length > 0) attributes['roles'] = built.roles;
  return { documentType, createdAt, segments: built.segments, participants: built.participants, attributes };
}
