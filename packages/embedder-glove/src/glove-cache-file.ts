import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { crc32 } from 'node:zlib';

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
 *  52  u32 LE vector encoding (1: IEEE half precision)   56..63 zero
 *  64  f32[dimensions] common component (zeros when flag 0)
 *      f32[size] SIF weights by row
 *      u16[size * dimensions] vectors by row
 *      UTF-8 words by row, joined by "\n"
 *
 * Vectors are half precision: half the disk and memory of float32 (68 MB
 * instead of 137 MB) at no measurable cost: over the 50,000 most frequent
 * words the cosine between a float32 vector and its float16 copy rounds to
 * 1.0000000. int8 with a per-row scale would save a little more but loses
 * precision and needs a scale per row; not worth it (docs/decisions/0044).
 */
export const GLOVE_CACHE_FORMAT_VERSION = 1;

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
  const sections = [
    new Uint8Array(component.buffer, component.byteOffset, component.byteLength),
    new Uint8Array(weights.buffer, weights.byteOffset, weights.byteLength),
    new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength),
    vocabulary,
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
 * Reads and validates the cache at `path`. Never throws for a bad file: a
 * missing file, a wrong magic, byte order, size or checksum ('corrupt') and a
 * different format version ('outdated') are reported so the caller rebuilds.
 * The typed arrays returned are views over one buffer read from disk.
 */
export async function readGloveCache(path: string): Promise<GloveCacheReadResult> {
  let file: Buffer;
  try {
    file = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, reason: 'missing' };
    throw error;
  }
  if (file.length < HEADER_BYTES || !file.subarray(0, MAGIC.length).equals(MAGIC)) {
    return { ok: false, reason: 'corrupt' };
  }
  if (file.readUInt32LE(8) !== GLOVE_CACHE_FORMAT_VERSION || file.readUInt32LE(52) !== ENCODING_FLOAT16) {
    return { ok: false, reason: 'outdated' };
  }
  // Typed-array views need 4-byte alignment; a pooled Buffer might not give it.
  const bytes = file.byteOffset % 4 === 0 ? file : Buffer.from(new Uint8Array(file));
  if (new Uint32Array(bytes.buffer, bytes.byteOffset + 12, 1)[0] !== BYTE_ORDER_MARKER) {
    return { ok: false, reason: 'corrupt' };
  }
  const dimensions = bytes.readUInt32LE(16);
  const size = bytes.readUInt32LE(20);
  const vocabularyBytes = bytes.readUInt32LE(24);
  const componentOffset = HEADER_BYTES;
  const weightsOffset = componentOffset + dimensions * 4;
  const vectorsOffset = weightsOffset + size * 4;
  const vocabularyOffset = vectorsOffset + size * dimensions * 2;
  if (dimensions === 0 || size === 0 || vocabularyOffset + vocabularyBytes !== bytes.length) {
    return { ok: false, reason: 'corrupt' };
  }
  if (crc32(bytes.subarray(HEADER_BYTES)) !== bytes.readUInt32LE(48)) return { ok: false, reason: 'corrupt' };
  const words = bytes.toString('utf8', vocabularyOffset, bytes.length).split('\n');
  if (words.length !== size) return { ok: false, reason: 'corrupt' };
  const hasComponent = (bytes.readUInt32LE(28) & FLAG_COMMON_COMPONENT) !== 0;
  return {
    ok: true,
    byteLength: bytes.length,
    contents: {
      dimensions,
      words,
      vectors: new Uint16Array(bytes.buffer, bytes.byteOffset + vectorsOffset, size * dimensions),
      weights: new Float32Array(bytes.buffer, bytes.byteOffset + weightsOffset, size),
      commonComponent: hasComponent
        ? new Float32Array(bytes.buffer, bytes.byteOffset + componentOffset, dimensions)
        : undefined,
      sifA: bytes.readDoubleLE(32),
      sourceByteLength: bytes.readDoubleLE(40),
    },
  };
}
