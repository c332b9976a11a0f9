/**
 * `compute` remembered per key, for pure functions called again and again on
 * the same few inputs (a name's normal form, a token's stem, a scope's hash).
 * At most `maxEntries` results are kept: the memo starts over when full, which
 * is cheaper than tracking recency and right for inputs that repeat in bursts.
 * `compute` must be pure: a remembered result is returned for equal keys.
 */
export function boundedMemo<Key, Value>(
  compute: (key: Key) => Value,
  maxEntries: number,
): (key: Key) => Value {
  const remembered = new Map<Key, Value>();
  return (key) => {
    if (remembered.has(key)) return remembered.get(key) as Value;
    const value = compute(key);
    if (remembered.size >= maxEntries) remembered.clear();
    remembered.set(key, value);
    return value;
  };
}
