import { TERMINAL_INGEST_STATUSES } from '@engram/protocol';
import { IngestionTimeoutError } from '../errors/ingestion-timeout-error.js';
import { InvalidInputError, RequestAbortedError } from '../errors/synap-error.js';
import type { MemoryStatusResponse } from '../schemas/memory-schemas.js';
import { sleep } from '../transport/cancellation.js';
import type { CallOptions } from '../transport/http-transport.js';
import type { WaitForCompletionOptions } from './memory-inputs.js';

/** Default of `timeoutSeconds`, the Python SDK's. */
export const DEFAULT_WAIT_TIMEOUT_SECONDS = 300;
/** Default of `pollIntervalSeconds`, the Python SDK's. */
export const DEFAULT_POLL_INTERVAL_SECONDS = 2;

/**
 * Polls `status` until the ingestion reaches `completed`, `failed` or
 * `partial_success` and resolves with that status (a failed ingestion resolves
 * too: read `status` and `error_message`). Polls every `pollIntervalSeconds`;
 * the last poll happens at the deadline, after which it rejects with
 * IngestionTimeoutError. Errors of a poll (e.g. ContextNotFoundError for an
 * unknown id) reject at once; the caller's signal cancels the wait with
 * RequestAbortedError.
 */
export async function waitForCompletion(
  status: (ingestionId: string, options: CallOptions) => Promise<MemoryStatusResponse>,
  ingestionId: string,
  options: WaitForCompletionOptions = {},
): Promise<MemoryStatusResponse> {
  const {
    timeoutSeconds = DEFAULT_WAIT_TIMEOUT_SECONDS,
    pollIntervalSeconds = DEFAULT_POLL_INTERVAL_SECONDS,
  } = options;
  if (typeof timeoutSeconds !== 'number' || !Number.isFinite(timeoutSeconds) || timeoutSeconds < 0) {
    throw new InvalidInputError('timeoutSeconds must be a finite number of at least 0');
  }
  if (
    typeof pollIntervalSeconds !== 'number' ||
    !Number.isFinite(pollIntervalSeconds) ||
    pollIntervalSeconds <= 0
  ) {
    throw new InvalidInputError('pollIntervalSeconds must be a finite number greater than 0');
  }
  const callOptions: CallOptions = { signal: options.signal, timeoutMs: options.timeoutMs };
  const deadline = Date.now() + timeoutSeconds * 1_000;
  for (;;) {
    const current = await status(ingestionId, callOptions);
    if ((TERMINAL_INGEST_STATUSES as readonly string[]).includes(current.status)) return current;
    const remainingMs = deadline - Date.now();
    if (remainingMs <= 0) {
      throw new IngestionTimeoutError(
        `the ingestion did not finish within ${timeoutSeconds} s (last status: ${current.status})`,
        { ingestionId, timeoutSeconds, lastStatus: current.status },
      );
    }
    try {
      await sleep(Math.min(pollIntervalSeconds * 1_000, remainingMs), options.signal);
    } catch (reason) {
      throw new RequestAbortedError('the wait was aborted by its AbortSignal', { cause: reason });
    }
  }
}
