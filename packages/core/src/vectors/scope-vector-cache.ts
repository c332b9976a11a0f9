import type { IndexHit } from '../ports/memory-store.js';
import { createDotProductKernel, type DotProductKernel } from './dot-product-kernel.js';

/** Options of {@link ScopeVectorCache}. */
export interface ScopeVectorCacheOptions {
  /** Most bytes of vectors held at once (default 256 MiB: 640k vectors of 100 dimensions). */
  maxBytes?: number;
  /** Scopes whose misses are counted for admission (default 8,192; the count restarts when full). */
  admissionMemory?: number;
  /** Scopes with at least this many vectors are admitted on their second miss (default 1,024). */
  largeScopeRows?: number;
  /** Smaller scopes are admitted on this miss (default 8): only those searched often are worth a copy. */
  smallScopeMisses?: number;
}

/** One scope's vectors of one dimension, unit length, in the kernel's memory. */
export interface CachedScope {
  readonly scopeKey: string;
  readonly dimensions: number;
  /** The scope's version (vector_scope_versions) these rows were read at. */
  readonly version: number;
  readonly ids: readonly string[];
  /** Floats per row: `dimensions` rounded up to a multiple of 4 (zero padded). */
  readonly stride: number;
  offset: number;
  readonly bytes: number;
}

/** A row as read from `memory_vectors`: id and float32 little-endian bytes. */
export type VectorRow = readonly [memoryId: string, embedding: Uint8Array];

const DEFAULT_MAX_BYTES = 256 * 2 ** 20;
const ALIGN = 16;
const align = (bytes: number) => Math.ceil(bytes / ALIGN) * ALIGN;
const keyOf = (scopeKey: string, dimensions: number) => `${dimensions}\u0000${scopeKey}`;
/** Floats per held row: `dimensions` rounded up to the kernel's four lanes. */
const strideOf = (dimensions: number) => Math.ceil(dimensions / 4) * 4;
/** Bytes an entry of `rows` vectors of `dimensions` takes (aligned). */
const entryBytes = (rows: number, dimensions: number) => align(rows * strideOf(dimensions) * 4);

/**
 * An in-process copy of the vectors of recently searched scopes, searched
 * exhaustively (every row scored, float32, four lanes at a time): results are
 * exact, never approximate. Each entry belongs to exactly one scope key and is
 * only ever searched for that key, so one tenant's vectors cannot answer
 * another's query. Entries carry the scope's version and are dropped as soon
 * as the caller reports a newer one. Memory is bounded: least recently used
 * entries are evicted past `maxBytes`, and the survivors compacted.
 * Admission (see {@link ScopeVectorCache.admit}) keeps one-off and small, rarely searched scopes out.
 * Not thread-safe (one per connection, like the statements it sits beside).
 */
export class ScopeVectorCache {
  private readonly kernel: DotProductKernel;
  private readonly maxBytes: number;
  private readonly admissionMemory: number;
  /** Insertion order is recency order: a hit re-inserts its entry at the end. */
  private readonly entries = new Map<string, CachedScope>();
  private readonly largeScopeRows: number;
  private readonly smallScopeMisses: number;
  /** Misses per scope not (yet) admitted. */
  private readonly misses = new Map<string, number>();
  private top = 0;
  private liveBytes = 0;

  constructor(options: ScopeVectorCacheOptions = {}) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.admissionMemory = options.admissionMemory ?? 8_192;
    this.largeScopeRows = options.largeScopeRows ?? 1_024;
    this.smallScopeMisses = options.smallScopeMisses ?? 8;
    this.kernel = createDotProductKernel(ALIGN);
  }

  /** Bytes of vectors held now. */
  get bytes(): number {
    return this.liveBytes;
  }

  /** Whether `rows` vectors of `dimensions` fit beside those held now, without evicting any. */
  hasRoomFor(rows: number, dimensions: number): boolean {
    return this.liveBytes + entryBytes(rows, dimensions) <= this.maxBytes;
  }

  /** Whether a copy of the scope is held, at any version. */
  holds(scopeKey: string, dimensions: number): boolean {
    return this.entries.has(keyOf(scopeKey, dimensions));
  }

  /** The entry of a scope if it is held at exactly `version`; a stale one is dropped. */
  get(scopeKey: string, dimensions: number, version: number): CachedScope | undefined {
    const key = keyOf(scopeKey, dimensions);
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    if (entry.version !== version) {
      this.liveBytes -= entry.bytes;
      return undefined;
    }
    this.entries.set(key, entry);
    return entry;
  }

  /**
   * Records a miss; true when the scope should now be loaded: on its second
   * miss when it holds at least `largeScopeRows` vectors (`countRows` is asked
   * then, once), else on its `smallScopeMisses`-th. A scope searched once
   * never costs a copy, and small scopes, cheap to scan in SQLite, are copied
   * only when searched often (a client scope every fetch reads).
   */
  admit(scopeKey: string, dimensions: number, countRows: () => number): boolean {
    const key = keyOf(scopeKey, dimensions);
    const misses = (this.misses.get(key) ?? 0) + 1;
    const admitted = misses >= this.smallScopeMisses || (misses === 2 && countRows() >= this.largeScopeRows);
    if (admitted) {
      this.misses.delete(key);
      return true;
    }
    if (!this.misses.has(key) && this.misses.size >= this.admissionMemory) this.misses.clear();
    this.misses.set(key, misses);
    return false;
  }

  /**
   * Holds `rows` (each `dimensions` float32s) as the scope's vectors at
   * `version`, normalised to unit length; zero vectors are left out (they have
   * no cosine). Undefined when the scope alone exceeds `maxBytes`.
   */
  put(
    scopeKey: string,
    dimensions: number,
    version: number,
    rows: readonly VectorRow[],
  ): CachedScope | undefined {
    const stride = strideOf(dimensions);
    const bytes = entryBytes(rows.length, dimensions);
    if (bytes > this.maxBytes) return undefined;
    const key = keyOf(scopeKey, dimensions);
    const previous = this.entries.get(key);
    if (previous !== undefined) {
      this.entries.delete(key);
      this.liveBytes -= previous.bytes;
    }
    const offset = this.allocate(bytes);
    const floats = new Float32Array(this.kernel.buffer, offset, bytes / 4);
    const ids: string[] = [];
    for (const [memoryId, embedding] of rows) {
      // A typed-array view needs 4-byte alignment; driver buffers do not promise it.
      const aligned = embedding.byteOffset % 4 === 0 ? embedding : new Uint8Array(embedding);
      const source = new Float32Array(aligned.buffer, aligned.byteOffset, dimensions);
      let norm = 0;
      for (let index = 0; index < dimensions; index += 1) norm += (source[index] as number) ** 2;
      if (norm === 0 || !Number.isFinite(norm)) continue;
      const scale = 1 / Math.sqrt(norm);
      const base = ids.length * stride;
      for (let index = 0; index < dimensions; index += 1)
        floats[base + index] = (source[index] as number) * scale;
      for (let index = dimensions; index < stride; index += 1) floats[base + index] = 0;
      ids.push(memoryId);
    }
    const entry: CachedScope = { scopeKey, dimensions, version, ids, stride, offset, bytes };
    this.entries.set(key, entry);
    return entry;
  }

  /**
   * The `limit` rows of `entry` most similar to `query` (not necessarily unit
   * length; not zero), best first, ties by memory id; score = cosine similarity.
   */
  nearest(entry: CachedScope, query: Float32Array, limit: number): IndexHit[] {
    const rows = entry.ids.length;
    if (rows === 0 || limit <= 0) return [];
    const queryOffset = this.top;
    const outputOffset = queryOffset + align(entry.stride * 4);
    this.kernel.ensureCapacity(outputOffset + align(rows * 4));
    const buffer = this.kernel.buffer;
    const queryFloats = new Float32Array(buffer, queryOffset, entry.stride);
    let norm = 0;
    for (let index = 0; index < entry.dimensions; index += 1) norm += (query[index] as number) ** 2;
    const scale = 1 / Math.sqrt(norm);
    for (let index = 0; index < entry.stride; index += 1) {
      queryFloats[index] = index < entry.dimensions ? (query[index] as number) * scale : 0;
    }
    this.kernel.dot(queryOffset, entry.offset, rows, entry.stride, outputOffset);
    return topRows(new Float32Array(buffer, outputOffset, rows), entry.ids, limit);
  }

  /** Reserves `bytes` (aligned) below `maxBytes`, evicting least recently used entries as needed. */
  private allocate(bytes: number): number {
    while (this.liveBytes + bytes > this.maxBytes) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      const entry = this.entries.get(oldest.value) as CachedScope;
      this.entries.delete(oldest.value);
      this.liveBytes -= entry.bytes;
    }
    if (this.top + bytes > this.maxBytes) this.compact();
    const offset = this.top;
    this.top += bytes;
    this.liveBytes += bytes;
    this.kernel.ensureCapacity(this.top);
    return offset;
  }

  /** Moves live entries down over the holes that evictions and stale entries left. */
  private compact(): void {
    const memory = new Uint8Array(this.kernel.buffer);
    let cursor = 0;
    for (const entry of [...this.entries.values()].sort((left, right) => left.offset - right.offset)) {
      if (entry.offset !== cursor) memory.copyWithin(cursor, entry.offset, entry.offset + entry.bytes);
      entry.offset = cursor;
      cursor += entry.bytes;
    }
    this.top = cursor;
  }
}

/** Indexes of the `limit` highest scores (a bounded min-heap), as hits best first. */
function topRows(scores: Float32Array, ids: readonly string[], limit: number): IndexHit[] {
  const size = Math.min(limit, scores.length);
  const heap = new Int32Array(size);
  let count = 0;
  const less = (left: number, right: number) =>
    (scores[left] as number) < (scores[right] as number) ||
    ((scores[left] as number) === (scores[right] as number) &&
      (ids[left] as string) > (ids[right] as string));
  const siftDown = (start: number) => {
    let parent = start;
    for (;;) {
      const leftChild = parent * 2 + 1;
      if (leftChild >= count) return;
      const rightChild = leftChild + 1;
      const child =
        rightChild < count && less(heap[rightChild] as number, heap[leftChild] as number)
          ? rightChild
          : leftChild;
      if (!less(heap[child] as number, heap[parent] as number)) return;
      const swap = heap[parent] as number;
      heap[parent] = heap[child] as number;
      heap[child] = swap;
      parent = child;
    }
  };
  // The heap's weakest score: most rows fall below it and cost one comparison.
  let floor = Number.NEGATIVE_INFINITY;
  for (let row = 0; row < scores.length; row += 1) {
    if (count < size) {
      let child = count++;
      heap[child] = row;
      while (child > 0) {
        const parent = (child - 1) >> 1;
        if (!less(heap[child] as number, heap[parent] as number)) break;
        const swap = heap[parent] as number;
        heap[parent] = heap[child] as number;
        heap[child] = swap;
        child = parent;
      }
    } else if ((scores[row] as number) >= floor && less(heap[0] as number, row)) {
      heap[0] = row;
      siftDown(0);
      floor = scores[heap[0] as number] as number;
    }
    if (count === size && floor === Number.NEGATIVE_INFINITY) floor = scores[heap[0] as number] as number;
  }
  const best = Array.from(heap.subarray(0, count));
  best.sort((left, right) => (less(left, right) ? 1 : less(right, left) ? -1 : 0));
  return best.map((row) => ({ memoryId: ids[row] as string, score: scores[row] as number }));
}
