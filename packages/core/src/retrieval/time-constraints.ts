import * as chrono from 'chrono-node';

/**
 * A time a query refers to: an absolute span (`start` inclusive, `end`
 * exclusive, epoch milliseconds) or, when the query names no year ("in June",
 * "in the summer"), a set of calendar months (1..12) of any year.
 */
export type TimeConstraint =
  | { kind: 'span'; start: number; end: number; text: string }
  | { kind: 'months'; months: readonly number[]; text: string };

const DAY_MS = 86_400_000;
const SEASON_MONTHS: Readonly<Record<string, readonly number[]>> = {
  spring: [3, 4, 5],
  summer: [6, 7, 8],
  autumn: [9, 10, 11],
  fall: [9, 10, 11],
  winter: [12, 1, 2],
};
const SEASON_PATTERN =
  /\b(?:(last|this|next|past)\s+)?(spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?((?:19|20)\d{2}))?\b/giu;
const YEAR_PATTERN = /\b(?:in|during|of|since|from|by)?\s*((?:19|20)\d{2})\b/giu;
// chrono reads these words as times though questions use them as words ("may I", "a second").
const CHEAP_GATE =
  /\d|\b(?:yesterday|today|tonight|tomorrow|last|next|ago|week|weekend|month|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|spring|summer|autumn|fall|winter)\b/iu;

/**
 * The times `text` refers to, resolved against `now` (UTC): chrono-node for
 * dates and relative expressions ("7 May 2023", "last week", "two weeks
 * ago"), plus seasons ("last summer", "summer of 2022") and bare years ("in
 * 2022"), which chrono does not read. A day gets a day of slack on each side
 * (the memory's date may be the day it was told); a week expression covers
 * the week. Expressions chrono cannot pin to a year or month (a bare weekday)
 * are left out rather than guessed. Never throws.
 */
export function parseTimeConstraints(text: string, now: Date): TimeConstraint[] {
  if (!CHEAP_GATE.test(text)) return [];
  const constraints: TimeConstraint[] = [];
  const covered: [number, number][] = [];
  const overlaps = (from: number, to: number) => covered.some(([start, end]) => from < end && to > start);

  for (const match of text.matchAll(SEASON_PATTERN)) {
    const constraint = seasonConstraint(match, now);
    if (constraint === undefined) continue;
    constraints.push(constraint);
    covered.push([match.index, match.index + match[0].length]);
  }
  let results: chrono.ParsedResult[] = [];
  try {
    results = chrono.parse(text, { instant: now, timezone: 0 });
  } catch {
    // chrono is a heuristic parser; a query it chokes on simply has no time features.
  }
  for (const result of results) {
    if (overlaps(result.index, result.index + result.text.length)) continue;
    const constraint = chronoConstraint(result);
    if (constraint === undefined) continue;
    constraints.push(constraint);
    covered.push([result.index, result.index + result.text.length]);
  }
  for (const match of text.matchAll(YEAR_PATTERN)) {
    const yearIndex = match.index + match[0].length - 4;
    if (overlaps(yearIndex, yearIndex + 4)) continue;
    const year = Number(match[1]);
    constraints.push({
      kind: 'span',
      start: Date.UTC(year, 0, 1),
      end: Date.UTC(year + 1, 0, 1),
      text: match[1] ?? '',
    });
  }
  return constraints;
}

/** Whether an instant (epoch milliseconds) falls within a constraint. */
export function timeMatches(constraint: TimeConstraint, instant: number): boolean {
  if (!Number.isFinite(instant)) return false;
  if (constraint.kind === 'span') return instant >= constraint.start && instant < constraint.end;
  return constraint.months.includes(new Date(instant).getUTCMonth() + 1);
}

function chronoConstraint(result: chrono.ParsedResult): TimeConstraint | undefined {
  const start = result.start;
  const text = result.text;
  const startDate = start.date();
  if (result.end !== null && result.end !== undefined) {
    return { kind: 'span', start: dayStart(startDate), end: dayStart(result.end.date()) + DAY_MS, text };
  }
  const year = start.get('year') ?? startDate.getUTCFullYear();
  const month = (start.get('month') ?? startDate.getUTCMonth() + 1) - 1;
  if (start.isCertain('day') && start.isCertain('month')) {
    const day = dayStart(startDate);
    if (/\bweek/iu.test(text)) return { kind: 'span', start: day - 3 * DAY_MS, end: day + 8 * DAY_MS, text };
    return { kind: 'span', start: day - DAY_MS, end: day + 2 * DAY_MS, text };
  }
  if (start.isCertain('month')) {
    if (!start.isCertain('year')) return { kind: 'months', months: [month + 1], text };
    return { kind: 'span', start: Date.UTC(year, month, 1), end: Date.UTC(year, month + 1, 1), text };
  }
  if (start.isCertain('year'))
    return { kind: 'span', start: Date.UTC(year, 0, 1), end: Date.UTC(year + 1, 0, 1), text };
  return undefined;
}

function seasonConstraint(match: RegExpMatchArray, now: Date): TimeConstraint | undefined {
  const relation = match[1]?.toLowerCase();
  const season = (match[2] ?? '').toLowerCase();
  const months = SEASON_MONTHS[season];
  if (months === undefined) return undefined;
  const first = months[0] as number;
  let year: number | undefined = match[3] === undefined ? undefined : Number(match[3]);
  if (year === undefined && relation !== undefined) {
    const current = now.getUTCFullYear();
    // Winter starts in December, so "this winter" in January is the one that began last year.
    const thisSeasonYear = first === 12 && now.getUTCMonth() + 1 <= 2 ? current - 1 : current;
    const thisStart = Date.UTC(thisSeasonYear, first - 1, 1);
    if (relation === 'this') year = thisSeasonYear;
    else if (relation === 'next') year = thisStart > now.getTime() ? thisSeasonYear : thisSeasonYear + 1;
    else {
      const thisEnd = Date.UTC(thisSeasonYear, first - 1 + 3, 1);
      year = thisEnd <= now.getTime() ? thisSeasonYear : thisSeasonYear - 1;
    }
  }
  const text = match[0];
  if (year === undefined) return { kind: 'months', months, text };
  return { kind: 'span', start: Date.UTC(year, first - 1, 1), end: Date.UTC(year, first - 1 + 3, 1), text };
}

function dayStart(date: Date): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}
