/**
 * Renders a session as a chat app's export, so a fixture can test the
 * parsers on Slack, Discord and iMessage layouts (sender and time on a header
 * line above the messages) rather than LoCoMo's `Name: text` lines.
 */

/** Export layouts a fixture sample may ask for (`export_format`). */
export const EXPORT_FORMATS = ['slack', 'discord', 'discord-day-first', 'imessage'] as const;
/** One of {@link EXPORT_FORMATS}. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A message to render: who, what, and when (wall-clock ISO, no zone). */
export interface ExportTurn {
  readonly speaker: string;
  readonly text: string;
  /** `YYYY-MM-DDTHH:MM[:SS]`, read as wall-clock time. */
  readonly time: string;
}

/** A rendered session: the document text and, per turn, the line that carries it. */
export interface RenderedExport {
  readonly text: string;
  readonly lines: readonly string[];
}

const MONTHS = 'January February March April May June July August September October November December'.split(
  ' ',
);
const WEEKDAYS = 'Sunday Monday Tuesday Wednesday Thursday Friday Saturday'.split(' ');

function fieldsOf(time: string) {
  const date = new Date(`${time.length === 16 ? `${time}:00` : time}Z`);
  if (Number.isNaN(date.getTime())) throw new Error(`not a wall-clock time: "${time}"`);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    weekday: date.getUTCDay(),
    hours: date.getUTCHours(),
    minutes: date.getUTCMinutes(),
    seconds: date.getUTCSeconds(),
  };
}

const pad = (value: number) => String(value).padStart(2, '0');

function clock12(time: string, withSeconds = false): string {
  const { hours, minutes, seconds } = fieldsOf(time);
  const hour = hours % 12 === 0 ? 12 : hours % 12;
  return `${hour}:${pad(minutes)}${withSeconds ? `:${pad(seconds)}` : ''} ${hours < 12 ? 'AM' : 'PM'}`;
}

function ordinal(day: number): string {
  const suffix =
    day % 10 === 1 && day !== 11
      ? 'st'
      : day % 10 === 2 && day !== 12
        ? 'nd'
        : day % 10 === 3 && day !== 13
          ? 'rd'
          : 'th';
  return `${day}${suffix}`;
}

function header(format: ExportFormat, turn: ExportTurn): string {
  const { year, month, day, hours, minutes } = fieldsOf(turn.time);
  switch (format) {
    case 'slack':
      return `${turn.speaker}  ${clock12(turn.time)}`;
    case 'discord':
      return `${turn.speaker} — ${pad(month)}/${pad(day)}/${year} ${clock12(turn.time)}`;
    case 'discord-day-first':
      return `${turn.speaker} — ${pad(day)}/${pad(month)}/${year} ${pad(hours)}:${pad(minutes)}`;
    case 'imessage':
      return `${MONTHS[month - 1]?.slice(0, 3)} ${day}, ${year}  ${clock12(turn.time, true)}\n${turn.speaker}`;
  }
}

function dayKey(time: string): string {
  return time.slice(0, 10);
}

/**
 * The session as `format` lays it out: Slack writes a day divider
 * ("Thursday, March 14th") when the day changes and a "name  10:42 AM"
 * header when the sender or day changes; Discord a "name — 03/14/2024 9:12 PM"
 * header (day-first and 24-hour for `discord-day-first`) when the sender
 * changes; iMessage a date line and a sender line above every message, with
 * a blank line between messages. Each message is one line, its text as
 * given (line breaks become spaces). Pure; throws on a malformed time.
 */
export function renderExport(format: ExportFormat, turns: readonly ExportTurn[]): RenderedExport {
  const out: string[] = [];
  const lines: string[] = [];
  let previous: ExportTurn | undefined;
  for (const turn of turns) {
    const line = turn.text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
    const newDay = previous === undefined || dayKey(previous.time) !== dayKey(turn.time);
    if (format === 'slack' && newDay) {
      const { month, day, weekday } = fieldsOf(turn.time);
      out.push(`${WEEKDAYS[weekday]}, ${MONTHS[month - 1]} ${ordinal(day)}`);
    }
    const newSender = previous === undefined || previous.speaker !== turn.speaker;
    if (format === 'imessage') {
      if (previous !== undefined) out.push('');
      out.push(header(format, turn));
    } else if (newSender || newDay) {
      out.push(header(format, turn));
    }
    out.push(line);
    lines.push(line);
    previous = turn;
  }
  return { text: out.join('\n'), lines };
}

/**
 * Times for a session's turns: a turn's own `time` when given, else a minute
 * after the turn before (the first: the session's start). Pure.
 */
export function turnTimes(sessionStart: string, given: readonly (string | undefined)[]): string[] {
  const times: string[] = [];
  let last = Date.parse(sessionStart) - 60_000;
  for (const time of given) {
    const next =
      time === undefined ? last + 60_000 : Date.parse(`${time.length === 16 ? `${time}:00` : time}Z`);
    if (Number.isNaN(next)) throw new Error(`not a wall-clock time: "${time}"`);
    times.push(new Date(next).toISOString().slice(0, 19));
    last = next;
  }
  return times;
}
