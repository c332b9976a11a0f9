import * as chrono from 'chrono-node';
import { formatDay, formatMonth } from './text-analysis.js';

// Cheap gate before chrono: only relative expressions need resolving (absolute dates already read
// right out of context), and chrono costs far more than a regex on every sentence.
const RELATIVE_GATE =
  /\b(?:yesterday|tomorrow|ago|(?:last|next|this|past|coming) (?:week|weekend|month|year|summer|winter|spring|fall|autumn|monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b/i;
const WEEK_WORD = /\bweek\b/i;
const WEEKEND_WORD = /\bweekend\b/i;

/**
 * Appends the calendar date a relative expression points at, as seen from
 * when the sentence was said: "I went yesterday" said on 8 May 2023 becomes
 * "I went yesterday [7 May 2023]". A compacted history is read long after
 * it was written, when "yesterday" no longer means anything. Expressions
 * chrono cannot pin (bare weekdays, "recently") are left alone. Returns the
 * text unchanged when nothing resolves or `recordedAt` is not a date.
 */
export function annotateRelativeDates(text: string, recordedAt: string): string {
  if (!RELATIVE_GATE.test(text)) return text;
  const reference = new Date(recordedAt);
  if (Number.isNaN(reference.getTime())) return text;
  const results = chrono.parse(text, { instant: reference, timezone: 0 });
  let annotated = '';
  let cursor = 0;
  for (const result of results) {
    if (!RELATIVE_GATE.test(result.text)) continue;
    const label = resolvedLabel(result);
    if (label === undefined) continue;
    const end = result.index + result.text.length;
    annotated += `${text.slice(cursor, end)} [${label}]`;
    cursor = end;
  }
  return cursor === 0 ? text : annotated + text.slice(cursor);
}

function resolvedLabel(result: chrono.ParsedResult): string | undefined {
  const start = result.start;
  const year = start.get('year');
  const month = start.get('month');
  const day = start.get('day');
  if (year === null) return undefined;
  const iso = start.date().toISOString();
  if (WEEKEND_WORD.test(result.text)) return `weekend of ${formatDay(iso)}`;
  if (WEEK_WORD.test(result.text)) return `week of ${formatDay(iso)}`;
  if (start.isCertain('day') || start.isCertain('weekday')) return formatDay(iso);
  if (start.isCertain('month') && month !== null) return formatMonth(month, year);
  if (start.isCertain('year')) return String(year);
  return day === null ? undefined : formatDay(iso);
}
