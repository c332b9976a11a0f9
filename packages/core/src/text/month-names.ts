/** English month names, January first, capitalised as written in dates. */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** {@link MONTH_NAMES} in lower case, for matching tokens. */
export const LOWERCASE_MONTH_NAMES: readonly string[] = MONTH_NAMES.map((name) => name.toLowerCase());
