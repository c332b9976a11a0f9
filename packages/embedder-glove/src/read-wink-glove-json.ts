import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { EngramError } from '@engram/core';
import { toFloat16Bits } from './float16.js';
import {
  JsonSyntaxError,
  type JsonTokenHandler,
  StreamingJsonTokenizer,
} from './streaming-json-tokenizer.js';

/** Word vectors read from a wink-embeddings JSON file, rows in frequency order. */
export interface GloveSource {
  readonly dimensions: number;
  /** Words by frequency rank: row 0 is the most frequent word. */
  readonly words: readonly string[];
  /** Half-precision bit patterns, `dimensions` per row, row `r` for `words[r]`. */
  readonly vectors: Uint16Array;
  /** Byte length of the source file, kept in the cache header to detect a changed source. */
  readonly sourceByteLength: number;
}

/** Options of {@link readWinkGloveJson}. */
export interface ReadWinkGloveJsonOptions {
  /** Called with the fraction of the file read so far, at most about 20 times. */
  onProgress?: (fraction: number) => void;
}

const CHUNK_BYTES = 1 << 20;

/**
 * Streams a wink-embeddings JSON file (`{dimensions, size, wordIndex, words,
 * vectors: {word: [v0..v(d-1), l2norm, rank]}}`) into a half-precision matrix
 * without ever holding the text in memory. The rank stored in each vector (the
 * word's position in the frequency-ordered `words` list) decides its row; gaps
 * are closed up so row order stays frequency order. Words containing a newline
 * are dropped (the cache separates words with newlines; GloVe has none).
 * Throws EngramError PROVIDER_FAILED (not retryable) on malformed input.
 */
export async function readWinkGloveJson(
  path: string,
  options: ReadWinkGloveJsonOptions = {},
): Promise<GloveSource> {
  const { size: sourceByteLength } = await stat(path);
  const collector = new WinkVectorCollector();
  const tokenizer = new StreamingJsonTokenizer(collector);
  let bytesRead = 0;
  let nextReport = 0.05;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
      tokenizer.write(chunk as Buffer);
      bytesRead += (chunk as Buffer).length;
      if (options.onProgress !== undefined && bytesRead / sourceByteLength >= nextReport) {
        options.onProgress(bytesRead / sourceByteLength);
        nextReport += 0.05;
      }
    }
    tokenizer.end();
    return { ...collector.finish(), sourceByteLength };
  } catch (error) {
    if (error instanceof EngramError) throw error;
    throw new EngramError('PROVIDER_FAILED', 'GloVe source file is not valid JSON', {
      retryable: false,
      details: { offset: error instanceof JsonSyntaxError ? error.offset : undefined },
      cause: error,
    });
  }
}

function formatError(reason: string, details: Record<string, unknown> = {}): EngramError {
  return new EngramError(
    'PROVIDER_FAILED',
    `GloVe source file is not in the wink-embeddings format: ${reason}`,
    {
      retryable: false,
      details,
    },
  );
}

/** Picks the header numbers and the `vectors` object out of the token stream; ignores the rest. */
class WinkVectorCollector implements JsonTokenHandler {
  readonly #header = new Map<string, number>();
  #topKey = '';
  #inVectors = false;
  #word = '';
  #dimensions = 0;
  #capacity = 0;
  #rankPosition = -1;
  #matrix = new Uint16Array(0);
  #words: (string | undefined)[] = [];
  #scratch = new Float64Array(0);
  #count = 0;
  #nextSequentialRow = 0;

  openContainer(kind: 'object' | 'array', depth: number): void {
    if (depth === 1 && kind === 'object' && this.#topKey === 'vectors') this.#startVectors();
    else if (depth === 2 && this.#inVectors) this.#count = 0;
  }

  closeContainer(kind: 'object' | 'array', depth: number): void {
    if (depth === 1 && this.#inVectors) this.#inVectors = false;
    else if (depth === 2 && kind === 'array' && this.#inVectors) this.#commitRow();
  }

  key(name: string, depth: number): void {
    if (depth === 1) this.#topKey = name;
    else if (depth === 2 && this.#inVectors) this.#word = name;
  }

  string(): void {}

  literal(): void {}

  number(value: number, depth: number): void {
    if (depth === 3 && this.#inVectors) {
      if (this.#count < this.#scratch.length) this.#scratch[this.#count] = value;
      this.#count += 1;
    } else if (depth === 1) {
      this.#header.set(this.#topKey, value);
    }
  }

  finish(): Omit<GloveSource, 'sourceByteLength'> {
    if (this.#dimensions === 0) throw formatError('no vectors object');
    const dimensions = this.#dimensions;
    const words: string[] = [];
    // Close the gaps left by ranks with no vector, keeping frequency order.
    for (let row = 0; row < this.#capacity; row += 1) {
      const word = this.#words[row];
      if (word === undefined) continue;
      if (words.length !== row) {
        this.#matrix.copyWithin(words.length * dimensions, row * dimensions, (row + 1) * dimensions);
      }
      words.push(word);
    }
    if (words.length === 0) throw formatError('no word vectors');
    return { dimensions, words, vectors: this.#matrix.slice(0, words.length * dimensions) };
  }

  #startVectors(): void {
    const dimensions = this.#header.get('dimensions');
    const size = this.#header.get('size');
    if (dimensions === undefined || !Number.isInteger(dimensions) || dimensions < 1 || dimensions > 4096) {
      throw formatError('missing or invalid "dimensions" before "vectors"');
    }
    if (size === undefined || !Number.isInteger(size) || size < 1 || size > 50_000_000) {
      throw formatError('missing or invalid "size" before "vectors"');
    }
    const rankPosition = this.#header.get('wordIndex');
    this.#rankPosition = rankPosition !== undefined && Number.isInteger(rankPosition) ? rankPosition : -1;
    this.#dimensions = dimensions;
    this.#capacity = size;
    this.#matrix = new Uint16Array(size * dimensions);
    this.#words = new Array<string | undefined>(size);
    this.#scratch = new Float64Array(Math.max(dimensions, this.#rankPosition + 1));
    this.#inVectors = true;
  }

  #commitRow(): void {
    const dimensions = this.#dimensions;
    if (this.#count < dimensions)
      throw formatError('vector shorter than "dimensions"', { count: this.#count });
    const row =
      this.#rankPosition >= 0 && this.#count > this.#rankPosition
        ? this.#scratch[this.#rankPosition]!
        : this.#nextSequentialRow;
    this.#nextSequentialRow += 1;
    if (!Number.isInteger(row) || row < 0 || row >= this.#capacity)
      throw formatError('vector rank out of range');
    if (this.#words[row] !== undefined) throw formatError('two vectors share one rank', { rank: row });
    const word = this.#word;
    if (word.length === 0 || word.includes('\n')) return;
    this.#words[row] = word;
    const base = row * dimensions;
    for (let index = 0; index < dimensions; index += 1) {
      this.#matrix[base + index] = toFloat16Bits(this.#scratch[index]!);
    }
  }
}
