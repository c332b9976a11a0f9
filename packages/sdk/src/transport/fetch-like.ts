/**
 * The part of the WHATWG `fetch` the SDK uses, declared here (as Kysely does
 * for its drivers) so the SDK needs neither DOM nor Node typings and accepts
 * any compatible implementation: the global `fetch`, undici, a test double.
 */

/** What the SDK passes as `fetch`'s second argument. */
export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  /** A JSON string, or `FormData` for multipart uploads (the fetch sets the boundary). */
  body?: string | FormData;
  signal: AbortSignal;
}

/** The members of `Response` the SDK reads. */
export interface FetchResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** A `fetch`-compatible function; the global `fetch` satisfies it. */
export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponse>;
