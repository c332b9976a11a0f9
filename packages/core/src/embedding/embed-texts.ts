import { EngramError, isEngramError } from '../errors/engram-error.js';
import type { EmbeddingModel } from '../ports/embedding-model.js';

/** Options of {@link embedTexts}. */
export interface EmbedTextsOptions {
  abortSignal?: AbortSignal;
  /** Calls per batch, the first included; default 3, at least 1. */
  maxAttempts?: number;
  /** First backoff delay, doubled on each further retry (with jitter); default 500 ms. */
  baseDelayMs?: number;
  /** Longest wait between attempts, `Retry-After` included; default 10 s. */
  maxDelayMs?: number;
}

/**
 * Embeds `texts` with `model` and returns one vector per text, in input
 * order. Splits the texts into batches of `model.maxBatchSize`, sent one
 * after another; a batch that fails with a retryable EngramError is retried
 * with exponential backoff (honouring `retryAfterSeconds`), up to
 * `maxAttempts` calls. Not atomic: when a batch finally fails, the vectors of
 * earlier batches are discarded and the error is thrown (with `attempts` in
 * its details). Throws EngramError PROVIDER_FAILED, not retryable, when the
 * caller aborts, and when the model returns the wrong number or length of
 * vectors. An empty `texts` returns [] without calling the model.
 */
export async function embedTexts(
  model: EmbeddingModel,
  texts: readonly string[],
  options: EmbedTextsOptions = {},
): Promise<Float32Array[]> {
  const maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? 3));
  const batchSize = Math.max(1, Math.floor(model.maxBatchSize));
  const context = { provider: model.provider, modelId: model.modelId };
  const vectors: Float32Array[] = [];
  for (let start = 0; start < texts.length; start += batchSize) {
    const batch = texts.slice(start, start + batchSize);
    for (let attempt = 1; ; attempt += 1) {
      throwIfAborted(options.abortSignal, context);
      let embeddings: Float32Array[];
      try {
        ({ embeddings } = await model.doEmbed({ values: batch, abortSignal: options.abortSignal }));
      } catch (error) {
        throwIfAborted(options.abortSignal, context);
        const failure = asProviderError(error, context);
        if (!failure.retryable || attempt >= maxAttempts) throw withAttempts(failure, attempt);
        await sleep(retryDelayMs(options, attempt, failure.retryAfterSeconds), options.abortSignal);
        continue;
      }
      checkShape(embeddings, batch.length, model.dimensions, context);
      vectors.push(...embeddings);
      break;
    }
  }
  return vectors;
}

function checkShape(
  embeddings: Float32Array[],
  count: number,
  dimensions: number,
  context: Record<string, unknown>,
): void {
  const wrongLength = embeddings.find((embedding) => embedding.length !== dimensions);
  if (embeddings.length !== count || wrongLength !== undefined) {
    // An adapter bug or a misconfigured model: the same call would fail the same way.
    throw new EngramError(
      'PROVIDER_FAILED',
      'embedding model returned vectors of the wrong count or length',
      {
        retryable: false,
        details: {
          ...context,
          expectedCount: count,
          receivedCount: embeddings.length,
          expectedDimensions: dimensions,
          receivedDimensions: wrongLength?.length,
        },
      },
    );
  }
}

function retryDelayMs(
  options: EmbedTextsOptions,
  attempt: number,
  retryAfterSeconds: number | undefined,
): number {
  const maxDelay = options.maxDelayMs ?? 10_000;
  if (retryAfterSeconds !== undefined) return Math.min(retryAfterSeconds * 1_000, maxDelay);
  const base = (options.baseDelayMs ?? 500) * 2 ** (attempt - 1);
  // Jitter keeps many workers that failed together from retrying in lockstep.
  return Math.min(base * (0.5 + Math.random() / 2), maxDelay);
}

/** Waits `ms`, returning early (without throwing) when `signal` fires; the caller checks it next. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function asProviderError(error: unknown, context: Record<string, unknown>): EngramError {
  if (isEngramError(error)) return error;
  // An adapter that throws something else has a bug; retrying will not help.
  return new EngramError('PROVIDER_FAILED', 'embedding model failed unexpectedly', {
    retryable: false,
    details: context,
    cause: error,
  });
}

function withAttempts(failure: EngramError, attempts: number): EngramError {
  return new EngramError(failure.code, failure.message, {
    retryable: failure.retryable,
    retryAfterSeconds: failure.retryAfterSeconds,
    details: { ...failure.details, attempts },
    cause: failure,
  });
}

function throwIfAborted(signal: AbortSignal | undefined, context: Record<string, unknown>): void {
  if (signal?.aborted) {
    throw new EngramError('PROVIDER_FAILED', 'embedding request aborted by the caller', {
      retryable: false,
      details: { ...context, reason: 'aborted' },
      cause: signal.reason,
    });
  }
}
