import { estimateCommonComponent } from './common-component.js';
import { float16DecodeTable } from './float16.js';
import { type GloveCacheContents, writeGloveCache } from './glove-cache-file.js';
import { readWinkGloveJson } from './read-wink-glove-json.js';
import { DEFAULT_SIF_A, sifWeights } from './sif-weights.js';

/** Options of {@link convertGloveSource}. */
export interface ConvertGloveSourceOptions {
  /** The wink-embeddings JSON file. */
  sourcePath: string;
  /** Where the binary cache is written (atomically). */
  cachePath: string;
  /** SIF smoothing constant; default {@link DEFAULT_SIF_A}. */
  sifA?: number;
  /** Called with the fraction of the source parsed so far. */
  onProgress?: (fraction: number) => void;
}

/** Words the tokenizer can produce: anything with a letter or digit (not bare punctuation). */
const TOKENIZABLE = /[\p{L}\p{N}]/u;

/**
 * One-time conversion of the wink GloVe JSON into the binary cache: streams
 * the JSON (peak memory a few hundred MB, not the gigabytes a JSON.parse
 * needs), derives Zipf-based SIF weights and the common component, writes the
 * cache atomically and returns what it wrote so the caller need not re-read
 * it. Deterministic: the same source gives a byte-identical cache.
 * Throws EngramError PROVIDER_FAILED (not retryable) for a malformed source.
 */
export async function convertGloveSource(
  options: ConvertGloveSourceOptions,
): Promise<{ contents: GloveCacheContents; byteLength: number }> {
  const sifA = options.sifA ?? DEFAULT_SIF_A;
  const source = await readWinkGloveJson(options.sourcePath, { onProgress: options.onProgress });
  const weights = sifWeights(source.words.length, sifA);
  const commonComponent = estimateCommonComponent(
    { dimensions: source.dimensions, vectors: source.vectors, weights, decode: float16DecodeTable() },
    (row) => TOKENIZABLE.test(source.words[row]!),
  );
  const contents: GloveCacheContents = {
    dimensions: source.dimensions,
    words: source.words,
    vectors: source.vectors,
    weights,
    commonComponent,
    sifA,
    sourceByteLength: source.sourceByteLength,
  };
  const byteLength = await writeGloveCache(options.cachePath, contents);
  return { contents, byteLength };
}
