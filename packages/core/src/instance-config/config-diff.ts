/** One changed leaf between two configuration documents. */
export interface ConfigChange {
  /** Dotted path, e.g. `retrieval.default_mode`. */
  path: string;
  /** Absent when the field did not exist before. */
  from?: unknown;
  /** Absent when the field was removed. */
  to?: unknown;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The leaves that differ between `before` and `after`, sorted by path.
 * Arrays are compared whole (a type list is one setting, not positions).
 */
export function diffConfig(before: unknown, after: unknown, prefix = ''): ConfigChange[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => diffConfig(before[key], after[key], prefix ? `${prefix}.${key}` : key));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const change: ConfigChange = { path: prefix };
  if (before !== undefined) change.from = before;
  if (after !== undefined) change.to = after;
  return [change];
}
