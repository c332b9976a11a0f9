/**
 * The document's own clock: relative dates and segment times resolve against
 * the document's `createdAt` in the UTC offset the document was written in, so
 * "yesterday" at 23:30-05:00 is the local yesterday, not the UTC one.
 */
import { MONTH_NAMES } from './month-names.js';
import type { DateOrder } from './numeric-dates.js';
export interface ReferenceTime {
  /** The instant the document was created. */
  instant: Date;
  /** The document's UTC offset in minutes (0 when the timestamp says `Z` or nothing). */
  offsetMinutes: number;
  /** How the document writes all-number dates like "04/05", when it settles it (see inferDateOrder). */
  dateOrder?: DateOrder;
}

/** English month names, January first. */
export const MONTHS: readonly string[] = MONTH_NAMES;

const OFFSET_PATTERN = /([+-])(\d{2}):?(\d{2})$/;

/**
 * Reads an ISO-8601 `createdAt`. Throws a RangeError when it is not a date:
 * callers validate input at the boundary, so a bad value here is a programmer error.
 */
export function referenceTimeOf(createdAt: string): ReferenceTime {
  const instant = new Date(createdAt);
  if (Number.isNaN(instant.getTime())) throw new RangeError('createdAt is not an ISO-8601 date');
  const offset = OFFSET_PATTERN.exec(createdAt.trim());
  // A bare date ("2023-05-08") has a "-08" tail that is a day, not an offset.
  if (offset === null || !createdAt.includes('T')) return { instant, offsetMinutes: 0 };
  const sign = offset[1] === '-' ? -1 : 1;
  return { instant, offsetMinutes: sign * (Number(offset[2]) * 60 + Number(offset[3])) };
}

/** Calendar fields of an instant as seen at a UTC offset. */
export interface LocalDate {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
  /** 0 = Sunday. */
  weekday: number;
}

/** The calendar date of `date` at `offsetMinutes` from UTC. */
export function localDateOf(date: Date, offsetMinutes: number): LocalDate {
  const shifted = new Date(date.getTime() + offsetMinutes * 60_000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    weekday: shifted.getUTCDay(),
  };
}

/** "7 May 2023": the form dated answers are usually given in. */
export function formatDay(date: Date, offsetMinutes: number): string {
  const local = localDateOf(date, offsetMinutes);
  return `${local.day} ${MONTHS[local.month - 1]} ${local.year}`;
}

/**
 * A clock time ("10:32", "2:05 pm", "00:01:23"), optionally after a date as chat
 * exports write it ("2024-03-03 19:42", "03/03/2024, 19:42:10", "3.3.24 7:42 PM"),
 * as an ISO instant: on the written day, else on the document's local day;
 * `undefined` when it is not a time. An all-number date is read day-first when
 * dotted or when only that reading is valid, else by `reference.dateOrder`,
 * else month-first. With `elapsed`, the value is an offset from the reference
 * instant (recordings count from 00:00:00).
 */
export function clockTimeToIso(clock: string, reference: ReferenceTime, elapsed = false): string | undefined {
  const match =
    /(?:(\d{4})-(\d{2})-(\d{2})[ T]|(\d{1,2})([./])(\d{1,2})\5(\d{4}|\d{2}),?\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?[\s\u202f]*([AaPp])?/.exec(
      clock,
    );
  if (match === null) return undefined;
  let hours = Number(match[8]);
  const minutes = Number(match[9]);
  const seconds = match[10] === undefined ? 0 : Number(match[10]);
  const meridiem = match[11]?.toLowerCase();
  if (minutes > 59 || seconds > 59) return undefined;
  if (elapsed) {
    return new Date(
      reference.instant.getTime() + ((hours * 60 + minutes) * 60 + seconds) * 1000,
    ).toISOString();
  }
  if (meridiem === 'p' && hours < 12) hours += 12;
  if (meridiem === 'a' && hours === 12) hours = 0;
  if (hours > 23) return undefined;
  const local = localDateOf(reference.instant, reference.offsetMinutes);
  let year = local.year;
  let month = local.month;
  let day = local.day;
  if (match[1] !== undefined) {
    year = Number(match[1]);
    month = Number(match[2]);
    day = Number(match[3]);
  } else if (match[4] !== undefined) {
    const first = Number(match[4]);
    const second = Number(match[6]);
    const dayFirst = match[5] === '.' || first > 12 || (second <= 12 && reference.dateOrder === 'day-first');
    day = dayFirst ? first : second;
    month = dayFirst ? second : first;
    year = (match[7] ?? '').length === 2 ? 2000 + Number(match[7]) : Number(match[7]);
    if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  }
  const utc = Date.UTC(year, month - 1, day, hours, minutes, seconds) - reference.offsetMinutes * 60_000;
  return new Date(utc).toISOString();
}
