/** Result of {@link parseJson}: the value, or a marker that the text was not JSON. */
export type JsonParseResult = { ok: true; value: unknown } | { ok: false };

/**
 * `JSON.parse` that never throws: servers, proxies and load balancers answer
 * with HTML or plain text often enough that a parse failure is a normal outcome.
 */
export function parseJson(text: string): JsonParseResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
