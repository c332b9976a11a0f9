/** A failed call: the server's `{"detail": ...}` message and status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const KEY_STORAGE = 'engram.operatorKey';

/** The operator key of this tab (sessionStorage: gone when the tab closes, never sent to another origin). */
export function storedKey(): string | null {
  return sessionStorage.getItem(KEY_STORAGE);
}

/** Remembers (or forgets, with null) the operator key for this tab. */
export function storeKey(key: string | null): void {
  if (key === null) sessionStorage.removeItem(KEY_STORAGE);
  else sessionStorage.setItem(KEY_STORAGE, key);
}

function detailOf(body: unknown, status: number): string {
  const detail = (body as { detail?: unknown } | null)?.detail;
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) return detail.map((issue) => issue?.msg ?? JSON.stringify(issue)).join('; ');
  if (detail && typeof detail === 'object')
    return (detail as { message?: string }).message ?? JSON.stringify(detail);
  return `request failed (${status})`;
}

/**
 * Calls `/admin/v1{path}` with the operator key; resolves with the JSON
 * body, rejects with {@link ApiError}. A 401 signs the tab out (the key was
 * wrong or rotated) through `onUnauthorized`.
 */
export async function api<T = Record<string, unknown>>(
  method: string,
  path: string,
  body?: unknown,
  key: string | null = storedKey(),
): Promise<T> {
  const response = await fetch(`/admin/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key ?? ''}`,
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as unknown) : {};
  if (!response.ok) {
    if (response.status === 401) onUnauthorized();
    throw new ApiError(response.status, detailOf(parsed, response.status));
  }
  return parsed as T;
}

let onUnauthorized: () => void = () => undefined;

/** Sets what a 401 does (the app signs out). */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

/** `?a=1&b=2` of the defined entries. */
export function queryOf(values: Record<string, string | number | undefined | null>): string {
  const entries = Object.entries(values).filter(
    ([, value]) => value !== undefined && value !== null && value !== '',
  );
  return entries.length === 0
    ? ''
    : `?${entries.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`).join('&')}`;
}
