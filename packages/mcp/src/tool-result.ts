import { RateLimitError, SynapError } from '@engram/sdk';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** A successful tool answer: one text block. */
export function textResult(text: string): CallToolResult {
  return { content: [{ type: 'text', text }] };
}

/**
 * A failed tool answer: `isError` with one text block that says what went
 * wrong, so the model can read it. Failures never escape as protocol errors:
 * a thrown error would end the call with a JSON-RPC error the model never sees.
 */
export function errorResult(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

/** Why a call to Engram failed, in words for the model (status, Retry-After, the server's detail). */
export function describeFailure(error: unknown): string {
  if (error instanceof RateLimitError) {
    const wait = error.retryAfterSeconds === undefined ? '' : ` (retry after ${error.retryAfterSeconds} s)`;
    return `rate limited by the memory server${wait}`;
  }
  if (error instanceof SynapError) {
    const detail = typeof error.detail === 'string' ? error.detail : error.message;
    if (error.status === 401 || error.status === 403) return `the API key was refused: ${detail}`;
    if (error.status === undefined) return `the memory server could not be reached: ${error.message}`;
    return `the memory server answered ${error.status}: ${detail}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs `call`, turning any failure into an error result that starts with
 * `prefix` (Synap's hard tools say `ERROR:`; its soft ones a benign sentence).
 */
export async function guarded(prefix: string, call: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await call();
  } catch (error) {
    return errorResult(`${prefix} ${describeFailure(error)}`);
  }
}
