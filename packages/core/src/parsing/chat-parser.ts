import type { DocumentSegment, DocumentType, ParsedDocument } from '../domain/memory.js';
import { type CalendarDay, inferDateOrder } from '../text/numeric-dates.js';
import { clockTimeToIso, localDateOf, type ReferenceTime, referenceTimeOf } from '../text/reference-time.js';
import { type ChatExport, readChatExport } from './chat-export.js';
import { chunkProse } from './prose-chunker.js';
import { learnSpeakerAliases } from './speaker-aliases.js';
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

/** `speakerAliases`: other names of the speakers, by label (see {@link learnSpeakerAliases}), when any. */
function aliasAttribute(built: TurnSegments): Record<string, unknown> {
  const aliases = learnSpeakerAliases(built.segments, built.participants);
  return Object.keys(aliases).length === 0 ? {} : { speakerAliases: aliases };
}

/** The document read as a header-style chat export, when its headers outnumber its labelled lines. */
function chosenExport(
  lines: readonly string[],
  labelledTurns: number,
  today: CalendarDay,
): ChatExport | undefined {
  const exported = readChatExport(lines, today);
  // Headers outnumbering labelled lines: the labels are message text ("note: bring cash").
  return exported !== undefined && exported.messages.length > 0 && exported.headerCount > labelledTurns
    ? exported
    : undefined;
}

/**
 * The speaker of each line when the chat parser reads these lines as a
 * header-style export (Slack, Discord, iMessage): a message line's sender,
 * undefined for header, divider and preamble lines. Undefined when the lines
 * are read as labelled turns or prose instead, so a caller falls back to
 * line labels. Pure.
 */
export function exportLineSpeakers(lines: readonly string[]): (string | undefined)[] | undefined {
  const labelledTurns = parseTurns(lines.join('\n')).turns.length;
  // Speakers do not depend on the day "Today" means.
  return chosenExport(lines, labelledTurns, { year: 2000, month: 1, day: 1 })?.lineSpeakers;
}

/**
 * Parses an `ai-chat-conversation`: "Name: text" lines (also "User:", "[10:32] Name:",
 * "**Name:**", WhatsApp and Telegram exports), with unlabelled lines continuing the
 * previous turn; or, when the document's recurring line shapes say so, a chat export
 * with the sender and time on a header line above its messages (Slack, Discord,
 * iMessage; `attributes.format = 'chat-export'`, see {@link readChatExport}), one
 * segment per message line, each dated by its own header. Names the speakers go by
 * ("it's jake", "thanks, Sam") are in `attributes.speakerAliases`. Text with no label at all
 * falls back to prose chunks without a speaker (`attributes.format = 'prose-fallback'`).
 * Never throws on odd text.
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
  const today = localDateOf(reference.instant, reference.offsetMinutes);
  const exported = chosenExport(text.split(/\r\n|\r|\n/), parsed.turns.length, today);
  if (exported !== undefined) {
    const turns: Turn[] = exported.messages.map((message) => ({
      speaker: message.speaker,
      role: undefined,
      clock: message.clock,
      textLines: [message.text],
      sourceLines: [message.sourceLine],
    }));
    const built = segmentsFromTurns(turns, exported.preamble, createdAt, reference);
    return {
      documentType,
      createdAt,
      segments: built.segments,
      participants: built.participants,
      attributes: {
        ...aliasAttribute(built),
        format: 'chat-export',
        exportFormat: exported.format,
        ...(exported.dateOrder === undefined ? {} : { dateOrder: exported.dateOrder }),
      },
    };
  }
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
  const attributes: Record<string, unknown> = { format: 'speaker-turns', ...aliasAttribute(built) };
  if (Object.keys(built.roles).length > 0) attributes['roles'] = built.roles;
  return { documentType, createdAt, segments: built.segments, participants: built.participants, attributes };
}
