import { parseDate } from 'chrono-node';

/**
 * Turns a date the model wrote into an ISO-8601 instant (UTC): ISO dates and
 * date-times as is ("2024-05-07" is midnight UTC), anything else ("May 7,
 * 2024", "yesterday") through chrono-node relative to `reference` (the
 * line's or the document's date). Returns undefined for blank or unreadable
 * text, or an unreadable `reference`; never throws.
 */
export function resolveDate(text: string | null | undefined, reference: string): string | undefined {
  const value = text?.trim();
  if (value === undefined || value === '') return undefined;
  const iso = asIsoDateTime(value);
  if (iso !== undefined) {
    const date = new Date(iso);
    if (!Number.isNaN(date.getTime())) return date.toISOString();
  }
  const instant = new Date(reference);
  if (Number.isNaN(instant.getTime())) return undefined;
  // UTC so the result does not depend on the server's time zone.
  try {
    const parsed = parseDate(value, { instant, timezone: 'UTC' });
    return parsed === null || Number.isNaN(parsed.getTime()) ? undefined : parsed.toISOString();
  } catch {
    // Model text is arbitrary; an unreadable date is simply unknown.
    return undefined;
  }
}

/** "2024-05" and "2024-05-07" become UTC midnight; a date-time without offset is read as UTC. */
function asIsoDateTime(value: string): string | undefined {
  if (/^\d{4}-\d{2}$/.test(value)) return `${value}-01T00:00:00Z`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value}T00:00:00Z`;
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(value)) return undefined;
  const dateTime = value.replace(' ', 'T');
  return /(?:[zZ]|[+-]\d{2}:?\d{2})$/.test(dateTime) ? dateTime : `${dateTime}Z`;
}
