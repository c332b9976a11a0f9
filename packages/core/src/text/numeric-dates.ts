/** A calendar day (month 1..12). */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/** Which field comes first in an all-number date whose fields could both be a month ("04/05"). */
export type DateOrder = 'day-first' | 'month-first';

/** A numeric date found in text, with its calendar day (the year guessed when not written). */
export interface NumericDate {
  start: number;
  end: number;
  day: CalendarDay;
  /** The year was written ("03.07.2024"), not guessed. */
  yearWritten: boolean;
}

// "12.04", "12.04.2024", "3/7/24", "25-12-2023". Not inside longer numbers, versions or times ("v1.2.3", "10:30").
const NUMERIC_DATE =
  /(?<![\p{L}\p{N}.:/-])(\d{1,2})([./-])(\d{1,2})(?:\2(\d{4}|\d{2}))?(?![\p{N}]|[./-]\d|\s?(?:%|km|kg|mi|lb|am|pm|h\b))/giu;
// "at 10.30", "£12.04", "costs 9.50": a time or an amount, not a date.
const NOT_DATE_BEFORE = /(?:\bat|[£$€¥]|\bcosts?|\bprice|\bscore|\bversion|\bv)\s*$/i;

const DATE_PREPOSITION_BEFORE = /\b(?:on|by|for|from|to|till|until|since|before|after)\s+$/i;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The year of a day/month written without one: the next occurrence when the
 * sentence talks about what is ahead, else the one nearest the reference
 * (chats name dates a few months either side).
 */
function guessYear(month: number, day: number, reference: CalendarDay, future: boolean): number {
  const today = Date.UTC(reference.year, reference.month - 1, reference.day);
  const on = (year: number) => Date.UTC(year, month - 1, day);
  if (future) return on(reference.year) >= today ? reference.year : reference.year + 1;
  let best = reference.year;
  for (const year of [reference.year - 1, reference.year + 1])
    if (Math.abs(on(year) - today) < Math.abs(on(best) - today)) best = year;
  return best;
}

/**
 * The order a document writes its all-number dates in, when the document
 * settles it: a date whose first field is over 12 ("25/12") is day-first, one
 * whose second is ("12/25") month-first; dotted dates ("12.04.2024") are
 * day-first wherever they are written. Undefined when nothing settles it.
 * Pure.
 */
export function inferDateOrder(texts: readonly string[]): DateOrder | undefined {
  let dayFirst = 0;
  let monthFirst = 0;
  for (const text of texts) {
    for (const match of text.matchAll(NUMERIC_DATE)) {
      const first = Number(match[1]);
      const second = Number(match[3]);
      if (match[2] === '.' || (first > 12 && second <= 12)) dayFirst += 1;
      else if (second > 12 && first <= 12) monthFirst += 1;
    }
  }
  if (dayFirst === monthFirst) return undefined;
  return dayFirst > monthFirst ? 'day-first' : 'month-first';
}

/**
 * All-number dates in a sentence. Dotted dates are read day-first (the
 * convention of every locale that writes them); slashed and dashed ones by
 * whichever reading is the only valid one, else by `order` (the document's
 * or instance's), else month-first as chrono reads them. A missing year is the
 * next occurrence for a `future` sentence, else the one nearest the reference;
 * without a year, slashed dates need a preposition ("on 25/12") and dashed
 * ones are not read ("3-2"). Times, amounts and versions are left alone.
 * Pure; never throws.
 */
export function findNumericDates(
  sentence: string,
  reference: CalendarDay,
  order: DateOrder | undefined,
  future = false,
): NumericDate[] {
  const found: NumericDate[] = [];
  for (const match of sentence.matchAll(NUMERIC_DATE)) {
    if (NOT_DATE_BEFORE.test(sentence.slice(Math.max(0, match.index - 12), match.index))) continue;
    const first = Number(match[1]);
    const separator = match[2];
    const second = Number(match[3]);
    const yearText = match[4];
    if (yearText === undefined) {
      // "5.3" is a decimal far more often than a date: dotted dates without a year are written "05.03" or "12.04".
      if (separator === '.' && ((match[1] ?? '').length < 2 || (match[3] ?? '').length < 2)) continue;
      // "3-2" is a score and "24/7", "1/2 cup" are not dates; without a year they need "on", "by", "from"...
      if (separator === '-') continue;
      const before = sentence.slice(Math.max(0, match.index - 10), match.index);
      if (separator === '/' && !DATE_PREPOSITION_BEFORE.test(before)) continue;
    }
    let dayFirst: boolean;
    if (separator === '.') dayFirst = true;
    else if (first > 12) dayFirst = true;
    else if (second > 12) dayFirst = false;
    else dayFirst = order === 'day-first';
    const day = dayFirst ? first : second;
    const month = dayFirst ? second : first;
    if (month < 1 || month > 12 || day < 1) continue;
    const year =
      yearText === undefined
        ? guessYear(month, day, reference, future)
        : yearText.length === 2
          ? 2000 + Number(yearText)
          : Number(yearText);
    if (day > daysIn(year, month)) continue;
    found.push({
      start: match.index,
      end: match.index + match[0].length,
      day: { year, month, day },
      yearWritten: yearText !== undefined,
    });
  }
  return found;
}

/**
 * The year that puts a day and month said without one nearest `today`
 * (within a year either way): "june 16" said in April is this June, said in
 * January after a December is last December's neighbour, and so on.
 */
export function nearestYear(month: number, day: number, today: CalendarDay): number {
  const now = Date.UTC(today.year, today.month - 1, today.day);
  const at = (year: number) => Date.UTC(year, month - 1, day);
  let best = today.year;
  for (const year of [today.year - 1, today.year + 1])
    if (Math.abs(at(year) - now) < Math.abs(at(best) - now)) best = year;
  return best;
}
