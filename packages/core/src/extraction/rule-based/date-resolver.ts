import * as chrono from 'chrono-node';
import { hasLexiconTag } from '../../text/lexicon.js';
import { findNumericDates, nearestYear } from '../../text/numeric-dates.js';
import type { ReferenceTime } from '../../text/reference-time.js';
import {
  type CalendarDay,
  countOf,
  type DatePrecision,
  dayToIso,
  monthIndex,
  nearestWeekday,
  precisionConfidence,
  referenceDay,
  renderDay,
  renderMonth,
  shiftDays,
  weekdayIndex,
  weekdayName,
} from './date-rendering.js';

/** A date expression found in a sentence and what it means on the calendar. */
export interface ResolvedDate {
  /** Offsets of the expression in the sentence. */
  start: number;
  end: number;
  /** The text that gets replaced in memory content, resolved ("on 7 May 2023"). */
  replacement: string;
  /** The (start of the) date, ISO-8601. */
  iso: string;
  /** End of a range ("from Monday to Friday"), ISO-8601. */
  endIso: string | undefined;
  precision: DatePrecision;
  /** `until` when the expression bounds how long something holds ("until June"). */
  bound: 'event' | 'until';
  /** 0..1, by precision. */
  confidence: number;
}

/** Words worth running chrono for; most turns have none, and chrono is the costly part. */
const DATE_HINT =
  /\b(?:yesterday|today|tonight|tomorrow|week|weekend|weekends|month|months|year|years|ago|last|next|past|morning|night|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday|summer|winter|spring|fall|autumn|\d{1,4}(?:st|nd|rd|th)?)\b/i;
const RELATIVE_WORD =
  /\b(?:yesterday|today|tonight|tomorrow|last|next|this|past|ago|week|weekend|month|year)\b/;
const FULL_NAME =
  /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/;
const LEADING_PREPOSITION = /^(?:on|in|at|by|since|from|until|till|during|for)\s+/i;
const PREPOSITION_BEFORE =
  /\b(?:on|in|at|since|until|till|by|from|before|after|during|of|through|for|around)\s*$/i;
const UNTIL_BEFORE = /\b(?:until|till|til|through|thru|up to|up until)\s*$/i;
const SEASON = /\b(last|this past|this|next)\s+(summer|winter|spring|fall|autumn)\b/gi;
const YEAR_PHRASE =
  /\b(in|since|during|back in|around|from|until|till|by|of|early|late|mid)\s+((?:19|20)\d{2})\b(?!\s*[/:-]\d)/gi;
const WEEKENDS_AGO = /\b(a|one|two|three|four|five|\d+|a couple of|a few|couple of)\s+weekends?\s+ago\b/gi;
const DURATION =
  /^(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|a couple of|several|many)\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|weekends?)(?:\s+now)?$/;
const CHRONO_MAX_CHARS = 1000;
const ALL_NUMBER_DATE = /^\d{1,2}[./-]\d{1,2}(?:[./-]\d{2,4})?$/;
const SEASON_START: Record<string, number> = { spring: 3, summer: 6, fall: 9, autumn: 9, winter: 12 };

type Draft = Omit<ResolvedDate, 'start' | 'end' | 'bound' | 'confidence' | 'endIso'> & { endIso?: string };

function make(start: number, end: number, draft: Draft, sentence: string): ResolvedDate {
  const before = sentence.slice(Math.max(0, start - 24), start);
  return {
    start,
    end,
    replacement: draft.replacement,
    iso: draft.iso,
    endIso: draft.endIso,
    precision: draft.precision,
    bound: UNTIL_BEFORE.test(before) ? 'until' : 'event',
    confidence: precisionConfidence(draft.precision),
  };
}

function overlapsFound(found: readonly ResolvedDate[], start: number, end: number): boolean {
  return found.some((date) => start < date.end && end > date.start);
}

function seasonYear(keyword: string, season: string, reference: CalendarDay): number {
  const startMonth = SEASON_START[season] ?? 6;
  const over =
    reference.month > startMonth + 2 || (startMonth === 12 && reference.month > 2 && reference.month < 12);
  if (keyword === 'next') return reference.month < startMonth ? reference.year : reference.year + 1;
  if (keyword === 'this')
    return startMonth === 12 && reference.month <= 2 ? reference.year - 1 : reference.year;
  return over ? reference.year : reference.year - 1;
}

/** Expressions chrono does not read (or misreads): seasons, "in 2019", "two weekends ago", "12.04". */
function customMatches(
  sentence: string,
  reference: ReferenceTime,
  future: boolean,
  found: ResolvedDate[],
): void {
  const today = referenceDay(reference);
  for (const date of findNumericDates(sentence, today, reference.dateOrder, future)) {
    const draft = {
      replacement: `on ${renderDay(date.day)}`,
      iso: dayToIso(date.day, reference),
      precision: 'day' as const,
    };
    found.push(make(date.start, date.end, draft, sentence));
  }
  for (const match of sentence.matchAll(SEASON)) {
    if (overlapsFound(found, match.index, match.index + match[0].length)) continue;
    const keyword = (match[1] ?? '').toLowerCase().replace('this past', 'last');
    const season = (match[2] ?? '').toLowerCase();
    const year = seasonYear(keyword, season, today);
    const day = { year, month: SEASON_START[season] ?? 6, day: 1 };
    const draft = {
      replacement: `in the ${season} of ${year}`,
      iso: dayToIso(day, reference),
      precision: 'season' as const,
    };
    found.push(make(match.index, match.index + match[0].length, draft, sentence));
  }
  for (const match of sentence.matchAll(YEAR_PHRASE)) {
    const start = match.index + (match[1]?.length ?? 0) + 1;
    if (overlapsFound(found, start, match.index + match[0].length)) continue;
    const day = { year: Number(match[2]), month: 1, day: 1 };
    const draft = { replacement: match[2] ?? '', iso: dayToIso(day, reference), precision: 'year' as const };
    found.push(make(start, match.index + match[0].length, draft, sentence));
  }
  for (const match of sentence.matchAll(WEEKENDS_AGO)) {
    const count = countOf(match[1] ?? '') ?? 1;
    const saturday = shiftDays(nearestWeekday(today, 6, false), -7 * (count - 1));
    const words = count === 1 ? 'the weekend' : `${match[1]} weekends`;
    const draft = {
      replacement: `${words} before ${renderDay(today)}`,
      iso: dayToIso(saturday, reference),
      precision: 'weekend' as const,
    };
    found.push(make(match.index, match.index + match[0].length, draft, sentence));
  }
}

function relativeDraft(
  lower: string,
  text: string,
  today: CalendarDay & { weekday: number },
  future: boolean,
) {
  const todayText = renderDay(today);
  const onDay = (day: CalendarDay) => ({
    replacement: `on ${renderDay(day)}`,
    day,
    precision: 'day' as const,
  });
  if (/\b(?:yesterday|last night)\b/.test(lower)) return onDay(shiftDays(today, -1));
  if (/\btomorrow\b/.test(lower)) return onDay(shiftDays(today, 1));
  if (/\b(?:today|tonight|this (?:morning|afternoon|evening))\b/.test(lower)) {
    return { replacement: `${text} (${todayText})`, day: today, precision: 'day' as const };
  }
  const unit =
    /\b(?:(\w+|a few|a couple of) (day|week|month|year)s? ago|in (\w+|a few|a couple of) (day|week|month|year)s?)\b/.exec(
      lower,
    );
  if (unit !== null) {
    const count = countOf(unit[1] ?? unit[3] ?? '') ?? 1;
    const kind = unit[2] ?? unit[4];
    const sign = unit[1] === undefined ? 1 : -1;
    if (kind === 'day') return onDay(shiftDays(today, sign * count));
    if (kind === 'week') {
      const words = count === 1 ? 'the week' : `${unit[1] ?? unit[3]} weeks`;
      const replacement = `${words} ${sign < 0 ? 'before' : 'after'} ${todayText}`;
      return { replacement, day: shiftDays(today, sign * 7 * count), precision: 'week' as const };
    }
    if (kind === 'month') {
      const day = { year: today.year, month: today.month + sign * count, day: 1 };
      const normal = shiftDays(day, 0);
      return {
        replacement: `in ${renderMonth(normal.year, normal.month)}`,
        day: normal,
        precision: 'month' as const,
      };
    }
    const year = today.year + sign * count;
    return {
      replacement: `${text} (around ${year})`,
      day: { year, month: 1, day: 1 },
      precision: 'year' as const,
    };
  }
  const direction = /\b(?:last|past)\b/.test(lower) ? -1 : /\bnext\b/.test(lower) ? 1 : 0;
  if (/\bweekend\b/.test(lower)) {
    const forward = direction > 0 || (direction === 0 && future);
    const day = nearestWeekday(today, 6, forward);
    return {
      replacement: `the weekend ${forward ? 'after' : 'before'} ${todayText}`,
      day,
      precision: 'weekend' as const,
    };
  }
  if (/\bweek\b/.test(lower)) {
    const word = direction < 0 ? 'before' : direction > 0 ? 'after' : 'of';
    return {
      replacement: `the week ${word} ${todayText}`,
      day: shiftDays(today, 7 * direction),
      precision: 'week' as const,
    };
  }
  if (/\bmonth\b/.test(lower)) {
    const day = shiftDays({ year: today.year, month: today.month + direction, day: 1 }, 0);
    return { replacement: `in ${renderMonth(day.year, day.month)}`, day, precision: 'month' as const };
  }
  if (/\byear\b/.test(lower)) {
    const year = today.year + direction;
    return { replacement: `in ${year}`, day: { year, month: 1, day: 1 }, precision: 'year' as const };
  }
  return undefined;
}

const PAST_WORD = /\b(?:was|were|did|had|went|ago|yesterday|last)\b/i;

/** The sentence tells of something done: "we went on 12 May", "I moved there June 3rd". */
function tellsOfPast(sentence: string): boolean {
  return (
    PAST_WORD.test(sentence) ||
    sentence.split(/[^\p{L}']+/u).some((word) => hasLexiconTag(word.toLowerCase(), 'PastTense'))
  );
}

function interpret(result: chrono.ParsedResult, sentence: string, reference: ReferenceTime, future: boolean) {
  let text = result.text;
  let start = result.index;
  const lead = LEADING_PREPOSITION.exec(text);
  // "in 3 days" is one expression; "in May" is a preposition and a month.
  const counted = /^in\s+(?:\d|a |an |one|two|three|four|five|six|seven|eight|nine|ten|several)/i.test(text);
  if (lead !== null && !counted) {
    text = text.slice(lead[0].length);
    start += lead[0].length;
  }
  const lower = text.toLowerCase();
  const components = result.start;
  // "for 3 years", "two weeks" are durations, not dates.
  if (DURATION.test(lower) || /^for\s/i.test(result.text)) return undefined;
  if (/^(?:right )?now$/.test(lower) || /^the (?:day|week|month|year) (?:before|after)$/.test(lower))
    return undefined;
  const dated = ['day', 'month', 'year', 'weekday'].some((unit) =>
    components.isCertain(unit as chrono.Component),
  );
  if (!dated && !RELATIVE_WORD.test(lower)) return undefined;
  // "25 minutes", "at 5pm": a time of day is not a date worth a memory.
  if (
    /^(?:in\s+)?\S+\s+(?:seconds?|minutes?|hours?)\b/.test(lower) ||
    (!dated && components.isCertain('hour'))
  ) {
    return undefined;
  }
  // Lower-case "march", "sun", "sat" are verbs and nouns far more often than dates.
  if (!/\d/.test(text) && !RELATIVE_WORD.test(lower) && !FULL_NAME.test(text)) return undefined;
  const today = referenceDay(reference);
  const relative = relativeDraft(lower, text, today, future);
  let draft: { replacement: string; day: CalendarDay; precision: DatePrecision } | undefined = relative;
  const weekdayWord = /\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b/.exec(lower);
  const monthWord = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/.exec(lower);
  if (draft === undefined && weekdayWord !== null && monthWord === null && !/\d/.test(lower)) {
    const weekday = weekdayIndex(weekdayWord[0]) ?? 0;
    const forward = /\bnext\b/.test(lower) || (!/\b(?:last|past)\b/.test(lower) && future);
    const day = nearestWeekday(today, weekday, forward);
    const name = weekdayName(weekday);
    const replacement = forward ? `on ${name}, ${renderDay(day)}` : `the ${name} before ${renderDay(today)}`;
    draft = { replacement, day, precision: 'weekday' };
  }
  if (draft === undefined) {
    const month = components.get('month') ?? (monthWord === null ? undefined : monthIndex(monthWord[0]));
    if (month === undefined) return undefined;
    const yearKnown = components.isCertain('year');
    const dayKnown = components.isCertain('day');
    const year =
      components.get('year') !== null && yearKnown
        ? (components.get('year') ?? today.year)
        : future
          ? month >= today.month
            ? today.year
            : today.year + 1
          : dayKnown && !tellsOfPast(sentence)
            ? // A sentence not about the past: the occurrence nearest the reference, as for all-number dates.
              nearestYear(month, components.get('day') ?? 1, today)
            : month <= today.month
              ? today.year
              : today.year - 1;
    if (dayKnown) {
      const day = { year, month, day: components.get('day') ?? 1 };
      draft = { replacement: yearKnown ? text : renderDay(day), day, precision: 'day' };
    } else {
      draft = {
        replacement: yearKnown ? text : renderMonth(year, month),
        day: { year, month, day: 1 },
        precision: 'month',
      };
    }
  }
  // chrono's typings say `undefined`, but it returns `null` for a single date.
  const end = result.end ?? undefined;
  const endDay =
    end === undefined
      ? undefined
      : {
          year: end.get('year') ?? today.year,
          month: end.get('month') ?? today.month,
          day: end.get('day') ?? 1,
        };
  return make(
    start,
    start + text.length,
    {
      replacement: draft.replacement,
      iso: dayToIso(draft.day, reference),
      endIso: endDay === undefined ? undefined : dayToIso(endDay, reference),
      precision: draft.precision,
    },
    sentence,
  );
}

/**
 * Finds date expressions in a sentence and resolves them against the reference
 * (the segment's time): relative ones ("yesterday", "last week", "next Friday",
 * "two weekends ago", "last summer") with chrono-node plus a few patterns it
 * lacks. `future` says whether the sentence talks about what is ahead, which
 * decides "Friday" and "in May". Results are in order, without overlaps.
 * Never throws.
 */
export function resolveDates(sentence: string, reference: ReferenceTime, future: boolean): ResolvedDate[] {
  if (!DATE_HINT.test(sentence)) return [];
  const found: ResolvedDate[] = [];
  customMatches(sentence, reference, future, found);
  let results: chrono.ParsedResult[];
  try {
    // chrono slows down badly on very long strings; real sentences are far shorter.
    results = chrono.parse(
      sentence.slice(0, CHRONO_MAX_CHARS),
      { instant: reference.instant, timezone: reference.offsetMinutes },
      { forwardDate: future },
    );
  } catch {
    results = [];
  }
  for (const result of results) {
    const overlaps = found.some(
      (date) => result.index < date.end && result.index + result.text.length > date.start,
    );
    // All-number dates are findNumericDates' alone: chrono reads "24/7" and "3-2" as dates, "12.04.2024" month-first.
    if (overlaps || ALL_NUMBER_DATE.test(result.text.replace(LEADING_PREPOSITION, ''))) continue;
    let resolved: ResolvedDate | undefined;
    try {
      resolved = interpret(result, sentence, reference, future);
    } catch {
      resolved = undefined;
    }
    if (resolved !== undefined) found.push(resolved);
  }
  return found.sort((left, right) => left.start - right.start);
}

/**
 * Rewrites a sentence with each date expression replaced by its resolved form,
 * avoiding a doubled preposition ("on on") and keeping a capital at the start.
 */
export function applyResolvedDates(sentence: string, dates: readonly ResolvedDate[]): string {
  if (dates.length === 0) return sentence;
  let output = '';
  let cursor = 0;
  for (const date of dates) {
    if (date.start < cursor) continue;
    const before = sentence.slice(cursor, date.start);
    let replacement = date.replacement;
    const lead = before.length >= 24 ? before.slice(-24) : (output + before).slice(-24);
    if (PREPOSITION_BEFORE.test(lead)) replacement = replacement.replace(/^(?:on|in) /, '');
    if (date.start === 0) replacement = replacement.charAt(0).toUpperCase() + replacement.slice(1);
    output += before + replacement;
    cursor = date.end;
  }
  return output + sentence.slice(cursor);
}
