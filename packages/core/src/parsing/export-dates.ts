import { LOWERCASE_MONTH_NAMES } from '../text/month-names.js';
import { type CalendarDay, type DateOrder, nearestYear } from '../text/numeric-dates.js';

/** A time of day, 24-hour. */
export interface ClockTime {
  hours: number;
  minutes: number;
  seconds: number;
}

/** A day as a chat export writes it: a calendar day, or one counted back from the export's own day. */
export type ExportDay =
  | { kind: 'date'; day: CalendarDay; yearWritten: boolean }
  | { kind: 'relative'; daysBack: number };

/** What a timestamp of a chat export says: a day, a clock, or both. */
export interface ExportWhen {
  day: ExportDay | undefined;
  time: ClockTime | undefined;
}

const MONTH = String.raw`(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?`;
const WEEKDAY = String.raw`(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?`;
const ORDINAL = String.raw`\d{1,2}(?:st|nd|rd|th)?`;
const NAMED_DATE = String.raw`(?:${WEEKDAY},?\s+)?(?:${MONTH}\s+${ORDINAL}(?:,?\s+\d{4})?|${ORDINAL}(?:\s+|-)${MONTH}(?:,?(?:\s+|-)(?:\d{4}|\d{2}))?)`;
const NUMERIC_DATE = String.raw`(?:\d{4}-\d{2}-\d{2}|\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2}))`;
const RELATIVE_DAY = `(?:today|yesterday)`;
/** A day as exports write it: "Thursday, March 14th", "Mar 14, 2024", "14-Mar-24", "03/14/2024", "Today". */
export const EXPORT_DAY = `(?:${RELATIVE_DAY}|${NUMERIC_DATE}|${NAMED_DATE})`;
/** A clock: "9:12 PM", "21:12", "9:12:03 PM", "7:42\u202fpm". */
export const EXPORT_TIME = String.raw`\d{1,2}:\d{2}(?::\d{2})?(?:[\s\u202f]?[AaPp]\.?[Mm]\.?)?`;
/** A timestamp: a day, a clock, or a day then a clock ("Today at 9:12 PM", "03/14/2024 9:12 PM"). */
export const EXPORT_WHEN = String.raw`(?:${EXPORT_DAY}(?:,?\s+(?:at\s+)?${EXPORT_TIME})?|${EXPORT_TIME})`;

const TIME_PATTERN = /(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[\s\u202f]?([AaPp])\.?[Mm]\.?)?\s*$/;

function readTime(text: string): { time: ClockTime | undefined; rest: string } {
  const match = TIME_PATTERN.exec(text);
  if (match === null) return { time: undefined, rest: text };
  let hours = Number(match[1]);
  const minutes = Number(match[2]);
  const seconds = match[3] === undefined ? 0 : Number(match[3]);
  const meridiem = match[4]?.toLowerCase();
  if (meridiem === 'p' && hours < 12) hours += 12;
  if (meridiem === 'a' && hours === 12) hours = 0;
  const rest = text
    .slice(0, match.index)
    .replace(/(?:,?\s+at)?[,\s]*$/i, '')
    .trim();
  if (hours > 23 || minutes > 59 || seconds > 59) return { time: undefined, rest: text };
  return { time: { hours, minutes, seconds }, rest };
}

function monthOf(word: string): number | undefined {
  const lower = word.toLowerCase().replace(/\.$/, '');
  const index = LOWERCASE_MONTH_NAMES.findIndex((name) => name.startsWith(lower.slice(0, 3)));
  return lower.length >= 3 && index >= 0 ? index + 1 : undefined;
}

function fullYear(written: string): number {
  return written.length === 2 ? 2000 + Number(written) : Number(written);
}

function dateDay(year: number, month: number, day: number, yearWritten: boolean): ExportDay | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return { kind: 'date', day: { year, month, day }, yearWritten };
}

function readDay(text: string, order: DateOrder | undefined): ExportDay | undefined {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === '') return undefined;
  if (trimmed === 'today') return { kind: 'relative', daysBack: 0 };
  if (trimmed === 'yesterday') return { kind: 'relative', daysBack: 1 };
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (iso !== null) return dateDay(Number(iso[1]), Number(iso[2]), Number(iso[3]), true);
  const numeric = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})$/.exec(trimmed);
  if (numeric !== null) {
    const first = Number(numeric[1]);
    const second = Number(numeric[3]);
    // Dotted dates are day-first everywhere; otherwise the only valid reading, else the document's order.
    const dayFirst = numeric[2] === '.' || first > 12 || (second <= 12 && order === 'day-first');
    const year = fullYear(numeric[4] ?? '');
    return dayFirst ? dateDay(year, second, first, true) : dateDay(year, first, second, true);
  }
  const words = trimmed
    .replace(new RegExp(`^${WEEKDAY},?\\s+`), '')
    .split(/[\s,-]+/)
    .filter((word) => word !== '');
  const [a = '', b = '', c] = words;
  const year = c === undefined ? undefined : fullYear(c);
  const monthFirst = monthOf(a);
  if (monthFirst !== undefined)
    return dateDay(year ?? 0, monthFirst, Number.parseInt(b, 10), year !== undefined);
  const monthSecond = monthOf(b);
  if (monthSecond !== undefined)
    return dateDay(year ?? 0, monthSecond, Number.parseInt(a, 10), year !== undefined);
  return undefined;
}

/**
 * Reads a chat export's timestamp ("Today at 9:12 PM", "03/14/2024 9:12 PM",
 * "Mar 14, 2024  9:12:03 PM", "Thursday, March 14th", "21:12") into its day
 * and clock, either of which may be missing. An all-number date is read
 * day-first when dotted or when only that reading is valid, else by `order`,
 * else month-first. A day without a year carries `yearWritten: false` and
 * year 0; see {@link calendarDayOf}. Undefined when nothing in it is a day or
 * a clock. Pure.
 */
export function readExportWhen(text: string, order?: DateOrder): ExportWhen | undefined {
  const { time, rest } = readTime(text.trim());
  const day = readDay(rest, order);
  if (rest !== '' && day === undefined) return undefined;
  if (day === undefined && time === undefined) return undefined;
  return { day, time };
}

const DAY_MS = 86_400_000;

/** A calendar day `count` days after `day` (negative: before). */
export function addDays(day: CalendarDay, count: number): CalendarDay {
  const shifted = new Date(Date.UTC(day.year, day.month - 1, day.day) + count * DAY_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/**
 * The calendar day an export day names. "Yesterday" and "Today" count back
 * from `today` (the document's own day). A date without a year follows the
 * chat forward: the first such date on or after `previous` (the day of the
 * message before), else, for the first day of a document, the occurrence
 * nearest `today`.
 */
export function calendarDayOf(day: ExportDay, today: CalendarDay, previous?: CalendarDay): CalendarDay {
  if (day.kind === 'relative') return addDays(today, -day.daysBack);
  if (day.yearWritten) return day.day;
  const at = (year: number) => Date.UTC(year, day.day.month - 1, day.day.day);
  if (previous !== undefined) {
    const from = Date.UTC(previous.year, previous.month - 1, previous.day);
    const year = at(previous.year) >= from ? previous.year : previous.year + 1;
    return { ...day.day, year };
  }
  return { ...day.day, year: nearestYear(day.day.month, day.day.day, today) };
}
