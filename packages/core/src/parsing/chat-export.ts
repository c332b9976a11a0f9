import { type CalendarDay, type DateOrder, inferDateOrder } from '../text/numeric-dates.js';
import {
  addDays,
  type ClockTime,
  calendarDayOf,
  EXPORT_DAY,
  EXPORT_WHEN,
  type ExportWhen,
  readExportWhen,
} from './export-dates.js';

/**
 * How a chat export lays out who wrote a message and when, on a line of its
 * own above the message lines:
 * - `name-then-time`: "maya  10:42 AM", "maya [10:42 AM]" (Slack pasted),
 *   "maya — 03/14/2024 9:12 PM", "maya — Today at 9:12 PM" (Discord);
 * - `time-then-name`: "[3/14/2024 9:12 PM] maya#1234" (Discord exporters);
 * - `date-then-sender`: "Mar 14, 2024  9:12:03 PM" then "Sam" (iMessage exports).
 * Formats that put the label on the message line ("[3:04 PM] maya: hi",
 * WhatsApp, Telegram) are read by the turn parser instead.
 */
export type ChatExportFormat = 'name-then-time' | 'time-then-name' | 'date-then-sender';

/** One message of a chat export: one line, its sender and its own day and clock. */
export interface ExportMessage {
  speaker: string;
  /** "YYYY-MM-DD HH:MM:SS" on the document's clock (noon when the export gives a day only). */
  clock: string;
  text: string;
  /** The message line, trimmed, as written. */
  sourceLine: string;
  /** Position of the line in the lines read. */
  lineIndex: number;
}

/** A document read as a chat export. */
export interface ChatExport {
  format: ChatExportFormat;
  messages: ExportMessage[];
  /** Lines before the first header (a title, an export note). */
  preamble: string[];
  /** Header lines (sender and time lines, day dividers) read. */
  headerCount: number;
  /** Per line read: the speaker of a message line, undefined for every other line. */
  lineSpeakers: (string | undefined)[];
  /** How the export writes all-number dates, when its headers settle it; messages are read the same way. */
  dateOrder: DateOrder | undefined;
}

const HANDLE_WORD = String.raw`@?[\p{L}\p{N}\p{Extended_Pictographic}_][\p{L}\p{M}\p{N}\p{Extended_Pictographic}\u200d\ufe0f.'’_-]*`;
// Lazy, so "maya Today at 9:12 PM" names maya, not "maya Today at".
const NAME = `${HANDLE_WORD}(?: ${HANDLE_WORD}){0,2}?`;
const DISCRIMINATOR = String.raw`(?:#\d{4})?`;
const NAME_THEN_TIME = new RegExp(
  String.raw`^(?:\*\*)?(${NAME})${DISCRIMINATOR}(?:\*\*)?(?:\s*[—–]\s*|\s+-\s+|\s+)\[?(${EXPORT_WHEN})\]?$`,
  'iu',
);
const TIME_THEN_NAME = new RegExp(String.raw`^\[(${EXPORT_WHEN})\]\s+(${NAME})${DISCRIMINATOR}$`, 'iu');
const DATE_LINE = new RegExp(String.raw`^(${EXPORT_WHEN})(?:\s+\([^)]*\))?$`, 'iu');
const SENDER = new RegExp(String.raw`^(?:\+?[\d ().-]{7,20}|[^\s@]+@[^\s@]+\.[a-z]+|${NAME})$`, 'iu');
const DIVIDER = new RegExp(String.raw`^[-–—=*\s]*(${EXPORT_DAY})[-–—=*\s]*$`, 'iu');
const HAS_NAME_CHARACTER = /[\p{L}\p{Extended_Pictographic}]/u;
const NOT_NAMES = new Set(['today', 'yesterday', 'at', 'on', 'edited', 'and', 'the']);

interface Header {
  speaker: string | undefined;
  when: ExportWhen;
  /** Lines the header takes (an iMessage date line and its sender line: 2). */
  span: number;
}

function plausibleName(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    name.length <= 40 &&
    HAS_NAME_CHARACTER.test(name) &&
    !lower.split(' ').some((word) => NOT_NAMES.has(word))
  );
}

/** Reads line `index` as a header of `format`, or undefined. */
function headerAt(
  lines: readonly string[],
  index: number,
  format: ChatExportFormat,
  whenOf: WhenReader,
): Header | undefined {
  const line = lines[index] ?? '';
  if (format === 'name-then-time') {
    const match = NAME_THEN_TIME.exec(line);
    const when = match === null ? undefined : whenOf(match[2] ?? '');
    if (match === null || when === undefined || when.time === undefined) return undefined;
    const speaker = (match[1] ?? '').trim();
    // "see you at 10:30" is a message: a header's name is short and recurs (checked by the caller).
    return plausibleName(speaker) ? { speaker, when, span: 1 } : undefined;
  }
  if (format === 'time-then-name') {
    const match = TIME_THEN_NAME.exec(line);
    const when = match === null ? undefined : whenOf(match[1] ?? '');
    if (match === null || when === undefined) return undefined;
    const speaker = (match[2] ?? '').trim();
    return plausibleName(speaker) ? { speaker, when, span: 1 } : undefined;
  }
  const match = DATE_LINE.exec(line);
  const when = match === null ? undefined : whenOf(match[1] ?? '');
  if (when === undefined || when.day === undefined || when.time === undefined) return undefined;
  const sender = lines[index + 1] ?? '';
  if (
    !SENDER.test(sender) ||
    sender.length > 40 ||
    !plausibleName(sender.replace(/^\+?[\d ().-]+$/, 'phone'))
  )
    return undefined;
  return { speaker: sender, when, span: 2 };
}

type WhenReader = (text: string) => ExportWhen | undefined;

const FORMATS: readonly ChatExportFormat[] = ['name-then-time', 'time-then-name', 'date-then-sender'];

/**
 * Header positions of `format`. A name and a bare clock ("maya  10:42 AM") is
 * a header only when the name heads two or more, since "see you 10:30" is a
 * message; a header with a day as well ("maya — 03/14/2024 9:12 PM") needs
 * no second one.
 */
function findHeaders(lines: readonly string[], format: ChatExportFormat, whenOf: WhenReader) {
  const found = new Map<number, Header>();
  const counts = new Map<string, number>();
  for (let index = 0; index < lines.length; index += 1) {
    const header = headerAt(lines, index, format, whenOf);
    if (header === undefined || header.speaker === undefined) continue;
    found.set(index, header);
    counts.set(header.speaker, (counts.get(header.speaker) ?? 0) + 1);
    index += header.span - 1;
  }
  for (const [index, header] of found) {
    if ((counts.get(header.speaker ?? '') ?? 0) < 2 && header.when.day === undefined) found.delete(index);
  }
  return found;
}

function clockOf(day: CalendarDay, time: ClockTime | undefined): string {
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  const { hours, minutes, seconds } = time ?? { hours: 12, minutes: 0, seconds: 0 };
  return `${pad(day.year, 4)}-${pad(day.month)}-${pad(day.day)} ${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
}

/**
 * Reads a chat export whose sender and time sit on a header line above the
 * messages (see {@link ChatExportFormat}), detected from the document's own
 * recurring line shapes: the format with the most header lines wins, and two
 * are needed. Every non-empty line under a header is a message of its own
 * (exports group a burst under one header), dated by the header's day and
 * clock: a day divider ("Thursday, March 14th", "Yesterday", "--- 14/03/2024 ---")
 * sets the day for the headers after it, "Today"/"Yesterday" count back from
 * `today` (the document's own day), and a clock earlier than the one before
 * with no day written moves on to the next day (a chat past midnight).
 * All-number dates are read in the order the document's headers settle.
 * Undefined when the lines are not such an export. Pure; never throws.
 */
export function readChatExport(lines: readonly string[], today: CalendarDay): ChatExport | undefined {
  const trimmed = lines.map((line) => line.trim());
  const order = exportDateOrder(trimmed.filter((line) => line.length < 80));
  const whenOf: WhenReader = (text) => readExportWhen(text, order);
  let best: { format: ChatExportFormat; headers: Map<number, Header> } | undefined;
  for (const format of FORMATS) {
    const headers = findHeaders(trimmed, format, whenOf);
    if (headers.size >= 2 && (best === undefined || headers.size > best.headers.size))
      best = { format, headers };
  }
  if (best === undefined) return undefined;
  return { ...messagesOf(trimmed, best.format, best.headers, today, whenOf), dateOrder: order };
}

/**
 * The order of the export's all-number dates: as its dates settle it
 * ("25/03/2024"), else day-first when its clocks are 24-hour and no line
 * writes AM/PM (the month-first locale writes 12-hour clocks), else unsettled.
 */
function exportDateOrder(shortLines: readonly string[]): DateOrder | undefined {
  const dated = shortLines.filter((line) => NUMERIC_DAY.test(line));
  const settled = inferDateOrder(dated);
  if (settled !== undefined || dated.length === 0) return settled;
  const clocks = shortLines.filter((line) => CLOCK.test(line));
  return clocks.length > 0 && !clocks.some((line) => MERIDIEM.test(line)) ? 'day-first' : undefined;
}

const NUMERIC_DAY = /\b\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})\b/;
const CLOCK = /\b\d{1,2}:\d{2}\b/;
const MERIDIEM = /\d[\s\u202f]?[AaPp]\.?[Mm]\b/;

function nextNonEmpty(lines: readonly string[], from: number): number {
  let index = from;
  while (index < lines.length && lines[index] === '') index += 1;
  return index;
}

function messagesOf(
  lines: readonly string[],
  format: ChatExportFormat,
  headers: ReadonlyMap<number, Header>,
  today: CalendarDay,
  whenOf: WhenReader,
): Omit<ChatExport, 'dateOrder'> {
  const messages: ExportMessage[] = [];
  const preamble: string[] = [];
  const lineSpeakers: (string | undefined)[] = lines.map(() => undefined);
  let headerCount = 0;
  let day = today;
  let time: ClockTime | undefined;
  let previousMinutes: number | undefined;
  let speaker: string | undefined;
  let lastHeaderEnd: number | undefined;
  // Whether `day` has been set by the export itself (else it is the document's day).
  let dated = false;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (line === '') continue;
    const header = headers.get(index);
    const afterHeader =
      lastHeaderEnd === index - 1 ||
      (lastHeaderEnd !== undefined &&
        lines.slice(lastHeaderEnd + 1, index).every((skipped) => skipped === ''));
    if (header !== undefined) {
      headerCount += 1;
      lastHeaderEnd = index + header.span - 1;
      speaker = header.speaker;
      const minutes =
        header.when.time === undefined ? undefined : header.when.time.hours * 60 + header.when.time.minutes;
      if (header.when.day !== undefined) day = calendarDayOf(header.when.day, today, dated ? day : undefined);
      else if (minutes !== undefined && previousMinutes !== undefined && minutes < previousMinutes)
        day = addDays(day, 1);
      time = header.when.time;
      previousMinutes = minutes;
      dated ||= header.when.day !== undefined;
      index += header.span - 1;
      continue;
    }
    // A day divider sits between a header's messages and the next header: a reply
    // "yesterday", the first line under its header, stays a message.
    const divider = DIVIDER.exec(line);
    const dividerDay = divider === null || afterHeader ? undefined : whenOf(divider[1] ?? '')?.day;
    if (dividerDay !== undefined && headers.has(nextNonEmpty(lines, index + 1))) {
      headerCount += 1;
      day = calendarDayOf(dividerDay, today, dated ? day : undefined);
      dated = true;
      previousMinutes = undefined;
      continue;
    }
    if (speaker === undefined) {
      preamble.push(line);
      continue;
    }
    lineSpeakers[index] = speaker;
    messages.push({ speaker, clock: clockOf(day, time), text: line, sourceLine: line, lineIndex: index });
  }
  return { format, messages, preamble, headerCount, lineSpeakers };
}
