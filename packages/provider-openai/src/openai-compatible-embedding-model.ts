import { type EmbeddingModel, EngramError } from '@engram/core';
import { type EmbeddingResponse, embeddingResponseSchema } from './embedding-response-schema.js';
import { type FailureContext, failureFromMalformedBody } from './openai-compatible-failure.js';
import { createOpenAICompatiblePoster } from './openai-compatible-request.js';

/** Settings of {@link createOpenAICompatibleEmbeddingModel}. */
export interface OpenAICompatibleEmbeddingModelSettings {
  /** API root including the version, e.g. "https://api.openai.com/v1" or "http://localhost:11434/v1" (Ollama). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer`; omit for local servers that need none. */
  apiKey?: string;
  /** Model name as the server knows it ("text-embedding-3-small", "nomic-embed-text"). */
  model: string;
  /** Length of every vector the model returns; a response of another length is an error. */
  dimensions: number;
  /** Most texts per request (default 64); core's `embedTexts` splits larger inputs. */
  maxBatchSize?: number;
  /** Injectable for tests and proxies; defaults to the global fetch. */
  fetch?: typeof globalThis.fetch;
  /** Per request, body included; default {@link DEFAULT_EMBEDDING_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** Extra headers (organisation, project, gateway auth); `Authorization` from `apiKey` wins. */
  headers?: Record<string, string>;
  /**
   * Send `dimensions` in the request, asking the server to shorten vectors
   * (OpenAI text-embedding-3). Off by default: Ollama and vLLM reject or
   * ignore it for most models.
   */
  requestDimensions?: boolean;
  /** Name reported as `provider`; default "openai-compatible". */
  provider?: string;
}

/** Default request timeout: a 64-text batch on a local CPU model can take several seconds. */
export const DEFAULT_EMBEDDING_TIMEOUT_MS = 30_000;

/**
 * An {@link EmbeddingModel} over `POST {baseUrl}/embeddings` in OpenAI's shape
 * (`{model, input: string[]}` → `{data: [{index, embedding}]}`), which OpenAI,
 * Ollama (`/v1`), vLLM and LM Studio all serve. One request per `doEmbed`, no
 * retries (core's `embedTexts` retries). Vectors come back in input order
 * (sorted by `index`), scaled to unit length. Blank texts are not sent (OpenAI
 * rejects empty input) and get zero vectors. Throws EngramError
 * PROVIDER_FAILED: retryable for 408/429/5xx, network failures and timeouts;
 * not for other 4xx, the caller's abort, an unreadable body or vectors of the
 * wrong count or length. Messages and details never hold the texts, the key
 * or the URL.
 */
export function createOpenAICompatibleEmbeddingModel(
  settings: OpenAICompatibleEmbeddingModelSettings,
): EmbeddingModel {
  const provider = settings.provider ?? 'openai-compatible';
  const dimensions = positiveInteger(settings.dimensions, 'dimensions');
  const maxBatchSize = positiveInteger(settings.maxBatchSize ?? 64, 'maxBatchSize');
  const context: FailureContext = { provider, modelId: settings.model, operation: 'embeddings request' };
  const post = createOpenAICompatiblePoster(
    settings,
    'embeddings',
    settings.timeoutMs ?? DEFAULT_EMBEDDING_TIMEOUT_MS,
    context,
  );

  async function request(input: string[], abortSignal: AbortSignal | undefined): Promise<Float32Array[]> {
    const { status, json } = await post(
      { model: settings.model, input, ...(settings.requestDimensions === true && { dimensions }) },
      abortSignal,
    );
    const parsed = embeddingResponseSchema.safeParse(json);
    if (!parsed.success) throw failureFromMalformedBody(context, status, 'not an embeddings response');
    return vectorsInInputOrder(parsed.data, input.length, dimensions, context, status);
  }

  return {
    provider,
    modelId: settings.model,
    dimensions,
    maxBatchSize,
    async doEmbed({ values, abortSignal }) {
      if (values.length > maxBatchSize) {
        throw new EngramError('INTERNAL', 'More texts than the embedding model accepts in one call', {
          retryable: false,
          details: { ...context, count: values.length, maxBatchSize },
        });
      }
      const sentIndexes: number[] = [];
      const input: string[] = [];
      values.forEach((value, index) => {
        if (value.trim() === '') return;
        sentIndexes.push(index);
        input.push(value);
      });
      const embeddings: Float32Array[] = values.map(() => new Float32Array(dimensions));
      if (input.length === 0) return { embeddings };
      const vectors = await request(input, abortSignal);
      sentIndexes.forEach((valueIndex, position) => {
        embeddings[valueIndex] = vectors[position]!;
      });
      return { embeddings };
    },
  };
}

/** Orders the response by `index` (servers may answer out of order), checks count and length, normalises. */
function vectorsInInputOrder(
  response: EmbeddingResponse,
  count: number,
  dimensions: number,
  context: FailureContext,
  status: number,
): Float32Array[] {
  const { data } = response;
  if (data.length !== count) {
    throw failureFromMalformedBody(context, status, `expected ${count} embeddings, received ${data.length}`);
  }
  const ordered = new Array<Float32Array | undefined>(count);
  for (const [position, item] of data.entries()) {
    // A server that omits `index` is taken to answer in input order.
    const index = item.index ?? position;
    if (index >= count || ordered[index] !== undefined) {
      throw failureFromMalformedBody(
        context,
        status,
        'embedding indexes are not a permutation of the inputs',
      );
    }
    const vector = typeof item.embedding === 'string' ? decodeBase64Floats(item.embedding) : item.embedding;
    if (vector === undefined || vector.length !== dimensions) {
      throw new EngramError(
        'PROVIDER_FAILED',
        `${context.provider} returned vectors of an unexpected length`,
        {
          retryable: false,
          details: { ...context, status, expected: dimensions, received: vector?.length },
        },
      );
    }
    const unit = toUnitLength(vector);
    if (unit === undefined)
      throw failureFromMalformedBody(context, status, 'embedding has non-finite values');
    ordered[index] = unit;
  }
  return ordered as Float32Array[];
}

/** Base64 of little-endian float32s (OpenAI's `encoding_format: "base64"`); undefined when not whole floats. */
function decodeBase64Floats(text: string): Float32Array | undefined {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % 4 !== 0) return undefined;
  const floats = new Float32Array(bytes.length / 4);
  for (let index = 0; index < floats.length; index += 1) floats[index] = bytes.readFloatLE(index * 4);
  return floats;
}

/** Scales to unit length; an all-zero vector stays zero; undefined when a value is not finite. */
function toUnitLength(vector: ArrayLike<number>): Float32Array | undefined {
  let squared = 0;
  for (let index = 0; index < vector.length; index += 1) squared += vector[index]! * vector[index]!;
  if (!Number.isFinite(squared)) return undefined;
  const result = new Float32Array(vector.length);
  if (squared === 0) return result;
  const scale = 1 / Math.sqrt(squared);
  for (let index = 0; index < vector.length; index += 1) result[index] = vector[index]! * scale;
  return result;
}

function positiveInteger(value: number, setting: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new EngramError('INVALID_INPUT', `Embedding model setting ${setting} must be a positive integer`, {
      details: { setting },
    });
  }
  return value;
}
