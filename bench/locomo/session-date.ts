const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;

/** Month index for a full English month name or an abbreviation of at least three letters. */
function monthIndex(name: string): number | undefined {
  const lower = name.toLowerCase();
  if (lower.length < 3) return undefined;
  const index = MONTH_NAMES.findIndex((month) => month.startsWith(lower));
  return index === -1 ? undefined : index;
}

// "1:56 pm on 8 May, 2023"; the comma and the space before am/pm are optional
// because hand-edited copies of the file drop them.
const SESSION_DATE_PATTERN = /^(\d{1,2}):(\d{2})\s*(am|pm)\s+on\s+(\d{1,2})\s+([a-z]+)\.?,?\s+(\d{4})$/i;

/**
 * Parses a LoCoMo session timestamp such as `"1:56 pm on 8 May, 2023"` into an
 * ISO 8601 string. The dataset carries no time zone, so the wall-clock time is
 * read as UTC: every session of every sample then keeps its relative order and
 * its calendar date, which is all the benchmark relies on.
 *
 * @throws Error when the text is not in that shape or names an impossible date.
 */
export function parseSessionDate(text: string): string {
  const match = SESSION_DATE_PATTERN.exec(text.trim());
  if (!match) throw new Error(`unrecognised session date "${text}"`);
  const [, hourText, minuteText, meridiem, dayText, monthText, yearText] = match as unknown as string[];
  const month = monthIndex(monthText!);
  const hour12 = Number(hourText);
  const minute = Number(minuteText);
  const day = Number(dayText);
  const year = Number(yearText);
  if (month === undefined || hour12 < 1 || hour12 > 12 || minute > 59) {
    throw new Error(`unrecognised session date "${text}"`);
  }
  // 12 am is midnight and 12 pm is noon.
  const hour = (hour12 % 12) + (meridiem!.toLowerCase() === 'pm' ? 12 : 0);
  const date = new Date(Date.UTC(year, month, day, hour, minute));
  // Date.UTC rolls 31 June over to 1 July; reject instead of shifting the session.
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month) {
    throw new Error(`impossible session date "${text}"`);
  }
  return date.toISOString();
}
