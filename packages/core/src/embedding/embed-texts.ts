import { EngramError } from '../errors/engram-error.js';
import {
  asProviderError,
  retryDelayMs,
  sleepUnlessAborted,
  throwIfAborted,
  withAttempts,
} from '../llm/provider-call.js';
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
      throwIfAborted(options.abortSignal, 'embedding request', context);
      let embeddings: Float32Array[];
      try {
        ({ embeddings } = await model.doEmbed({ values: batch, abortSignal: options.abortSignal }));
      } catch (error) {
        throwIfAborted(options.abortSignal, 'embedding request', context);
        const failure = asProviderError(error, 'embedding model', context);
        if (!failure.retryable || attempt >= maxAttempts) throw withAttempts(failure, attempt);
        await sleepUnlessAborted(
          retryDelayMs(
            { initialDelayMs: options.baseDelayMs ?? 500, maxDelayMs: options.maxDelayMs ?? 10_000 },
            attempt,
            failure.retryAfterSeconds,
          ),
          options.abortSignal,
        );
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
