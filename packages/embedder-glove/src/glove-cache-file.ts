import { randomBytes } from 'node:crypto';
import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { buildWordIndex, type WordIndexTables, wordIndexSlotCount } from './word-index.js';

/**
 * The binary cache the GloVe embedder loads in a fraction of a second instead
 * of parsing 300 MB of JSON. Layout, offsets in bytes:
 *
 *   0  magic "ENGRAMGV"            8  u32 LE format version
 *  12  u32 byte-order marker (native order; typed arrays below are native)
 *  16  u32 LE dimensions          20  u32 LE vocabulary size
 *  24  u32 LE vocabulary bytes    28  u32 LE flags (bit 0: common component)
 *  32  f64 LE SIF a               40  f64 LE source byte length
 *  48  u32 LE CRC-32 of all bytes after the header
 *  52  u32 LE vector encoding (1: IEEE half precision)
 *  56  u32 LE word-index hash slots                      60..63 zero
 *  64  f32[dimensions] common component (zeros when flag 0)
 *      f32[size] SIF weights by row
 *      u16[size * dimensions] vectors by row
 *      UTF-8 words by row, joined by "\n"
 *      zero bytes up to a multiple of 4
 *      u32[size + 1] word-index starts, i32[slots] word-index slots (word-index.ts)
 *
 * The word index is built when the cache is written (format 2), so a load
 * reads it in place instead of hashing 341,479 words at every start.
 *
 * Vectors are half precision: half the disk and memory of float32 (68 MB
 * instead of 137 MB) at no measurable cost: over the 50,000 most frequent
 * words the cosine between a float32 vector and its float16 copy rounds to
 * 1.0000000. int8 with a per-row scale would save a little more but loses
 * precision and needs a scale per row; not worth it (docs/decisions/0044).
 */
export const GLOVE_CACHE_FORMAT_VERSION = 2;

const MAGIC = Buffer.from('ENGRAMGV', 'latin1');
const HEADER_BYTES = 64;
const BYTE_ORDER_MARKER = 0x01020304;
const ENCODING_FLOAT16 = 1;
const FLAG_COMMON_COMPONENT = 1;

/** Everything the embedder needs, as stored in the cache. */
export interface GloveCacheContents {
  readonly dimensions: number;
  /** Words by row; row order is frequency order. */
  readonly words: readonly string[];
  /** Half-precision bit patterns, `dimensions` per row. */
  readonly vectors: Uint16Array;
  /** SIF weight per row. */
  readonly weights: Float32Array;
  /** Unit common-discourse direction to remove, when one was estimated. */
  readonly commonComponent: Float32Array | undefined;
  readonly sifA: number;
  /** Byte length of the JSON the cache was built from. */
  readonly sourceByteLength: number;
}

/** Outcome of {@link readGloveCache}: the contents, or why the file cannot be used. */
export type GloveCacheReadResult =
  | { readonly ok: true; readonly contents: GloveCacheContents; readonly byteLength: number }
  | { readonly ok: false; readonly reason: 'missing' | 'corrupt' | 'outdated' };

/** Zero bytes that bring `length` to a multiple of 4 (typed-array views need the alignment). */
function paddingTo4(length: number): number {
  return (4 - (length % 4)) % 4;
}

/**
 * Writes `contents` to `path` atomically: a uniquely named temporary file in
 * the same directory, flushed to disk, then renamed over `path`. Readers see
 * the old file or the new one, never a partial one; concurrent writers each
 * rename a complete file. Returns the file's byte length.
 */
export async function writeGloveCache(path: string, contents: GloveCacheContents): Promise<number> {
  const { dimensions, words, vectors, weights } = contents;
  const size = words.length;
  if (weights.length !== size || vectors.length !== size * dimensions) {
    throw new RangeError('GloVe cache sections disagree on the vocabulary size');
  }
  const vocabulary = Buffer.from(words.join('\n'), 'utf8');
  const component = contents.commonComponent ?? new Float32Array(dimensions);
  const index = buildWordIndex(vocabulary, size);
  const asBytes = (view: ArrayBufferView) => new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  const sections = [
    asBytes(component),
    asBytes(weights),
    asBytes(vectors),
    vocabulary,
    new Uint8Array(paddingTo4(vocabulary.length)),
    asBytes(index.starts),
    asBytes(index.slots),
  ];
  let checksum = 0;
  for (const section of sections) checksum = crc32(section, checksum);

  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header.writeUInt32LE(GLOVE_CACHE_FORMAT_VERSION, 8);
  new Uint32Array(header.buffer, header.byteOffset + 12, 1)[0] = BYTE_ORDER_MARKER;
  header.writeUInt32LE(dimensions, 16);
  header.writeUInt32LE(size, 20);
  header.writeUInt32LE(vocabulary.length, 24);
  header.writeUInt32LE(contents.commonComponent === undefined ? 0 : FLAG_COMMON_COMPONENT, 28);
  header.writeDoubleLE(contents.sifA, 32);
  header.writeDoubleLE(contents.sourceByteLength, 40);
  header.writeUInt32LE(checksum, 48);
  header.writeUInt32LE(ENCODING_FLOAT16, 52);
  header.writeUInt32LE(index.slots.length, 56);

  const temporary = `${path}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(temporary, 'w');
    try {
      for (const section of [header, ...sections]) {
        // write() may write less than asked; loop until the section is on disk.
        let written = 0;
        while (written < section.byteLength) {
          const { bytesWritten } = await handle.write(section, written, section.byteLength - written);
          written += bytesWritten;
        }
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  return HEADER_BYTES + sections.reduce((total, section) => total + section.byteLength, 0);
}

/**
 * The cache as loaded: the whole file in one SharedArrayBuffer plus its word
 * index, all plain data, so worker threads get the same memory (postMessage /
 * workerData share a SharedArrayBuffer instead of copying it).
 */
export interface GloveSharedTables {
  /** The cache file, byte for byte. */
  readonly file: SharedArrayBuffer;
  readonly dimensions: number;
  /** Vocabulary rows. */
  readonly size: number;
  /** Byte offsets of the sections in `file` (see the layout above). */
  readonly componentOffset: number;
  readonly weightsOffset: number;
  readonly vectorsOffset: number;
  readonly vocabularyOffset: number;
  /** Length of the UTF-8 vocabulary section. */
  readonly vocabularyBytes: number;
  readonly hasCommonComponent: boolean;
  readonly sifA: number;
  /** Byte length of the JSON the cache was built from. */
  readonly sourceByteLength: number;
  /** Word → row (see word-index.ts). */
  readonly wordIndex: WordIndexTables;
}

/** Outcome of {@link readSharedGloveCache}: the tables, or why the file cannot be used. */
export type GloveSharedReadResult =
  | { readonly ok: true; readonly tables: GloveSharedTables; readonly byteLength: number }
  | { readonly ok: false; readonly reason: 'missing' | 'corrupt' | 'outdated' };

/**
 * Reads and validates the cache at `path` into shared memory and indexes its
 * words. Never throws for a bad file: a missing file, a wrong magic, byte
 * order, size or checksum ('corrupt') and a different format version
 * ('outdated') are reported so the caller rebuilds.
 */
export async function readSharedGloveCache(path: string): Promise<GloveSharedReadResult> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, reason: 'missing' };
    throw error;
  }
  let file: SharedArrayBuffer;
  try {
    const { size } = await handle.stat();
    file = new SharedArrayBuffer(size);
    const target = new Uint8Array(file);
    let read = 0;
    while (read < size) {
      const { bytesRead } = await handle.read(target, read, size - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    if (read !== size) return { ok: false, reason: 'corrupt' };
  } finally {
    await handle.close();
  }
  const bytes = Buffer.from(file);
  if (bytes.length < HEADER_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
    return { ok: false, reason: 'corrupt' };
  }
  if (bytes.readUInt32LE(8) !== GLOVE_CACHE_FORMAT_VERSION || bytes.readUInt32LE(52) !== ENCODING_FLOAT16) {
    return { ok: false, reason: 'outdated' };
  }
  if (new Uint32Array(file, 12, 1)[0] !== BYTE_ORDER_MARKER) return { ok: false, reason: 'corrupt' };
  const dimensions = bytes.readUInt32LE(16);
  const size = bytes.readUInt32LE(20);
  const vocabularyBytes = bytes.readUInt32LE(24);
  const componentOffset = HEADER_BYTES;
  const weightsOffset = componentOffset + dimensions * 4;
  const vectorsOffset = weightsOffset + size * 4;
  const vocabularyOffset = vectorsOffset + size * dimensions * 2;
  const startsOffset = vocabularyOffset + vocabularyBytes + paddingTo4(vocabularyBytes);
  const slotsOffset = startsOffset + (size + 1) * 4;
  const slotCount = bytes.readUInt32LE(56);
  if (
    dimensions === 0 ||
    size === 0 ||
    slotCount !== wordIndexSlotCount(size) ||
    slotsOffset + slotCount * 4 !== bytes.length
  ) {
    return { ok: false, reason: 'corrupt' };
  }
  if (crc32(bytes.subarray(HEADER_BYTES)) !== bytes.readUInt32LE(48)) return { ok: false, reason: 'corrupt' };
  const wordIndex: WordIndexTables = {
    starts: new Uint32Array(file, startsOffset, size + 1),
    slots: new Int32Array(file, slotsOffset, slotCount),
  };
  return {
    ok: true,
    byteLength: bytes.length,
    tables: {
      file,
      dimensions,
      size,
      componentOffset,
      weightsOffset,
      vectorsOffset,
      vocabularyOffset,
      vocabularyBytes,
      hasCommonComponent: (bytes.readUInt32LE(28) & FLAG_COMMON_COMPONENT) !== 0,
      sifA: bytes.readDoubleLE(32),
      sourceByteLength: bytes.readDoubleLE(40),
      wordIndex,
    },
  };
}

/** Typed-array views of `tables`' sections, over the shared memory (no copy). */
export function gloveTableViews(tables: GloveSharedTables): {
  vectors: Uint16Array;
  weights: Float32Array;
  commonComponent: Float32Array | undefined;
  vocabulary: Uint8Array;
} {
  const { file, dimensions, size } = tables;
  return {
    vectors: new Uint16Array(file, tables.vectorsOffset, size * dimensions),
    weights: new Float32Array(file, tables.weightsOffset, size),
    commonComponent: tables.hasCommonComponent
      ? new Float32Array(file, tables.componentOffset, dimensions)
      : undefined,
    vocabulary: new Uint8Array(file, tables.vocabularyOffset, tables.vocabularyBytes),
  };
}

/**
 * Reads and validates the cache at `path` (see {@link readSharedGloveCache})
 * and decodes its words into strings, for tools and tests; the embedder uses
 * the shared tables and never decodes the vocabulary.
 */
export async function readGloveCache(path: string): Promise<GloveCacheReadResult> {
  const read = await readSharedGloveCache(path);
  if (!read.ok) return read;
  const { tables } = read;
  const views = gloveTableViews(tables);
  const words = Buffer.from(views.vocabulary.buffer, views.vocabulary.byteOffset, views.vocabulary.byteLength)
    .toString('utf8')
    .split('\n');
  return {
    ok: true,
    byteLength: read.byteLength,
    contents: {
      dimensions: tables.dimensions,
      words,
      vectors: views.vectors,
      weights: views.weights,
      commonComponent: views.commonComponent,
      sifA: tables.sifA,
      sourceByteLength: tables.sourceByteLength,
    },
  };
}
