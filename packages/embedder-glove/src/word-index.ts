/**
 * Word → vocabulary row over the cache's UTF-8 vocabulary bytes, without a
 * JavaScript string or Map entry per word: 341,479 words as strings in a Map
 * cost about 25 MB of heap per thread and 0.2 s to build; this index is two
 * typed arrays (about 5.5 MB), built once when the cache is written and
 * stored in it, then read in place by every thread.
 */

/** Row lookups the tokenizer needs; a `ReadonlyMap<string, number>` is one too. */
export interface VocabularyLookup {
  get(word: string): number | undefined;
}

/**
 * The index's memory: views over SharedArrayBuffers (the cache file's, when
 * read from one), so it crosses to worker threads without a copy.
 */
export interface WordIndexTables {
  /** Byte offset in `vocabulary` of each row's word, plus one past the last (rows + 1). */
  readonly starts: Uint32Array;
  /** Open-addressing hash slots (a power of two, at least twice the rows): row, or -1 when empty. */
  readonly slots: Int32Array;
}

/** Hash slots {@link buildWordIndex} uses for `rows` words: the power of two at or above twice the rows. */
export function wordIndexSlotCount(rows: number): number {
  let capacity = 1;
  while (capacity < rows * 2) capacity *= 2;
  return capacity;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const NEWLINE = 0x0a;

function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = FNV_OFFSET;
  for (let index = start; index < end; index += 1) hash = Math.imul(hash ^ bytes[index]!, FNV_PRIME);
  return hash >>> 0;
}

/**
 * Builds the index over `vocabulary`: UTF-8 words joined by "\n", one per row
 * in row order (`rows` of them). A word that occurs twice keeps its first row,
 * as a Map built in row order would.
 */
export function buildWordIndex(vocabulary: Uint8Array, rows: number): WordIndexTables {
  const startView = new Uint32Array(new SharedArrayBuffer((rows + 1) * 4));
  let row = 0;
  startView[0] = 0;
  for (let index = 0; index < vocabulary.length; index += 1) {
    if (vocabulary[index] === NEWLINE) startView[++row] = index + 1;
  }
  if (row + 1 !== rows) throw new RangeError(`vocabulary holds ${row + 1} words, expected ${rows}`);
  // A separator sits before each start but the first: the last word ends at the end.
  startView[rows] = vocabulary.length + 1;
  const capacity = wordIndexSlotCount(rows);
  const slotView = new Int32Array(new SharedArrayBuffer(capacity * 4)).fill(-1);
  const mask = capacity - 1;
  for (let current = 0; current < rows; current += 1) {
    const start = startView[current]!;
    const end = startView[current + 1]! - 1;
    let slot = hashBytes(vocabulary, start, end) & mask;
    let duplicate = false;
    while (slotView[slot] !== -1) {
      if (sameWord(vocabulary, startView, slotView[slot]!, start, end)) {
        duplicate = true;
        break;
      }
      slot = (slot + 1) & mask;
    }
    if (!duplicate) slotView[slot] = current;
  }
  return { starts: startView, slots: slotView };
}

function sameWord(
  vocabulary: Uint8Array,
  starts: Uint32Array,
  row: number,
  start: number,
  end: number,
): boolean {
  const otherStart = starts[row]!;
  const otherEnd = starts[row + 1]! - 1;
  if (otherEnd - otherStart !== end - start) return false;
  for (let offset = 0; offset < end - start; offset += 1) {
    if (vocabulary[otherStart + offset] !== vocabulary[start + offset]) return false;
  }
  return true;
}

/** Reads an index built by {@link buildWordIndex}; one per thread, over the shared memory. */
export class WordIndex implements VocabularyLookup {
  readonly #vocabulary: Uint8Array;
  readonly #starts: Uint32Array;
  readonly #slots: Int32Array;
  readonly #mask: number;
  readonly #encoder = new TextEncoder();

  constructor(vocabulary: Uint8Array, tables: WordIndexTables) {
    this.#vocabulary = vocabulary;
    this.#starts = tables.starts;
    this.#slots = tables.slots;
    this.#mask = this.#slots.length - 1;
  }

  /** The row of `word`, or undefined when the vocabulary lacks it. Allocates nothing for ASCII words. */
  get(word: string): number | undefined {
    let hash = FNV_OFFSET;
    let ascii = true;
    for (let index = 0; index < word.length; index += 1) {
      const code = word.charCodeAt(index);
      if (code > 0x7f) {
        ascii = false;
        break;
      }
      hash = Math.imul(hash ^ code, FNV_PRIME);
    }
    if (!ascii) return this.#getBytes(this.#encoder.encode(word));
    const vocabulary = this.#vocabulary;
    const starts = this.#starts;
    const slots = this.#slots;
    let slot = (hash >>> 0) & this.#mask;
    for (;;) {
      const row = slots[slot]!;
      if (row === -1) return undefined;
      const start = starts[row]!;
      if (starts[row + 1]! - 1 - start === word.length) {
        let equal = true;
        for (let index = 0; index < word.length; index += 1) {
          if (vocabulary[start + index] !== word.charCodeAt(index)) {
            equal = false;
            break;
          }
        }
        if (equal) return row;
      }
      slot = (slot + 1) & this.#mask;
    }
  }

  #getBytes(bytes: Uint8Array): number | undefined {
    let slot = hashBytes(bytes, 0, bytes.length) & this.#mask;
    for (;;) {
      const row = this.#slots[slot]!;
      if (row === -1) return undefined;
      const start = this.#starts[row]!;
      const length = this.#starts[row + 1]! - 1 - start;
      if (length === bytes.length) {
        let equal = true;
        for (let index = 0; index < length; index += 1) {
          if (this.#vocabulary[start + index] !== bytes[index]) {
            equal = false;
            break;
          }
        }
        if (equal) return row;
      }
      slot = (slot + 1) & this.#mask;
    }
  }
}
