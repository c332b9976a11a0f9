import { type SynapErrorOptions, SynapTransientError } from './synap-error.js';

/** Options of {@link IngestionTimeoutError}. */
export interface IngestionTimeoutErrorOptions extends SynapErrorOptions {
  ingestionId: string;
  timeoutSeconds: number;
  /** `status` of the last poll, e.g. `processing`. */
  lastStatus: string | undefined;
}

/**
 * `memories.waitForCompletion` gave up: the ingestion did not reach
 * `completed`, `failed` or `partial_success` within `timeoutSeconds`. The
 * Python SDK raises the built-in `TimeoutError` here; this SDK keeps its rule
 * that every failure is a SynapError. The ingestion may still finish, so waiting
 * again can succeed, but the SDK itself never retries it (`retryable` is false).
 */
export class IngestionTimeoutError extends SynapTransientError {
  override name = 'IngestionTimeoutError';
  /** The ingestion that was being waited for. */
  readonly ingestionId: string;
  /** How long the SDK waited, in seconds. */
  readonly timeoutSeconds: number;
  /** The status the last poll reported, or undefined if none completed. */
  readonly lastStatus: string | undefined;

  constructor(message: string, options: IngestionTimeoutErrorOptions) {
    super(message, { ...options, retryable: false });
    this.ingestionId = options.ingestionId;
    this.timeoutSeconds = options.timeoutSeconds;
    this.lastStatus = options.lastStatus;
  }
}
