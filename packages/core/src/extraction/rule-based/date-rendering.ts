import type { CalendarDay } from '../../text/numeric-dates.js';
import {
  formatDay,
  type LocalDate,
  localDateOf,
  MONTHS,
  type ReferenceTime,
} from '../../text/reference-time.js';

/** How precisely a resolved expression pins its date. */
export type DatePrecision = 'day' | 'weekday' | 'week' | 'weekend' | 'month' | 'season' | 'year';

/** A calendar day (month 1..12): one type for parsing and extraction. Day and month may overflow; they normalise through `Date.UTC`. */
export type { CalendarDay };

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  'a couple of': 2,
  couple: 2,
  'a few': 3,
  few: 3,
  several: 3,
};

/** "two" → 2, "12" → 12, "a couple of" → 2; undefined when not a count. */
export function countOf(word: string): number | undefined {
  const key = word.toLowerCase().trim();
  if (/^\d+$/.test(key)) return Number(key);
  return NUMBER_WORDS[key];
}

/** The weekday name for 0 = Sunday. */
export function weekdayName(weekday: number): string {
  return WEEKDAYS[((weekday % 7) + 7) % 7] ?? 'Sunday';
}

/** Index (0 = Sunday) of a full or abbreviated weekday name; undefined when not one. */
export function weekdayIndex(word: string): number | undefined {
  const key = word.toLowerCase().slice(0, 3);
  const index = WEEKDAYS.findIndex((name) => name.toLowerCase().startsWith(key));
  return index < 0 ? undefined : index;
}

/** Index (1..12) of a full or abbreviated month name; undefined when not one. */
export function monthIndex(word: string): number | undefined {
  const key = word.toLowerCase().slice(0, 3);
  const index = MONTHS.findIndex((name) => name.toLowerCase().startsWith(key));
  return index < 0 ? undefined : index + 1;
}

/** The reference instant's local calendar date. */
export function referenceDay(reference: ReferenceTime): LocalDate {
  return localDateOf(reference.instant, reference.offsetMinutes);
}

/** A calendar day shifted by `days`, normalised. */
export function shiftDays(day: CalendarDay, days: number): CalendarDay {
  const date = new Date(Date.UTC(day.year, day.month - 1, day.day + days));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** "7 May 2023" for a calendar day. */
export function renderDay(day: CalendarDay): string {
  return formatDay(new Date(Date.UTC(day.year, day.month - 1, day.day)), 0);
}

/** "May 2023". */
export function renderMonth(year: number, month: number): string {
  return `${MONTHS[month - 1] ?? ''} ${year}`;
}

/** The ISO instant of local midnight starting a calendar day at the reference's offset. */
export function dayToIso(day: CalendarDay, reference: ReferenceTime): string {
  return new Date(
    Date.UTC(day.year, day.month - 1, day.day) - reference.offsetMinutes * 60_000,
  ).toISOString();
}

/** The most recent `weekday` strictly before `from` (or strictly after it when `forward`). */
export function nearestWeekday(from: LocalDate, weekday: number, forward: boolean): CalendarDay {
  let delta = forward ? (weekday - from.weekday + 7) % 7 : -((from.weekday - weekday + 7) % 7);
  if (delta === 0) delta = forward ? 7 : -7;
  return shiftDays(from, delta);
}

/** Temporal confidence of a resolved date by its precision. */
export function precisionConfidence(precision: DatePrecision): number {
  switch (precision) {
    case 'day':
      return 0.9;
    case 'weekday':
      return 0.85;
    case 'week':
    case 'weekend':
      return 0.7;
    case 'month':
      return 0.6;
    case 'season':
    case 'year':
      return 0.5;
  }
}
