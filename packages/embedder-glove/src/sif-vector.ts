/**
 * The SIF sentence-vector arithmetic shared by the converter (which estimates
 * the common component from sampled sentences) and the embedder, so both see
 * exactly the same vectors.
 */

/** Read-only tables a sentence vector is computed from. */
export interface SifTables {
  readonly dimensions: number;
  /** Half-precision bit patterns, `dimensions` per vocabulary row. */
  readonly vectors: Uint16Array;
  /** SIF weight per vocabulary row. */
  readonly weights: Float32Array;
  /** Half-precision decode table (see float16DecodeTable). */
  readonly decode: Float32Array;
}

/**
 * Writes the SIF average (1/n) Σ weight(w)·v(w) of the first `count` `rows`
 * into `out` (length `dimensions`). Leaves `out` zero when `count` is 0.
 */
export function weightedAverage(
  tables: SifTables,
  rows: ArrayLike<number>,
  count: number,
  out: Float64Array,
): void {
  const { dimensions, vectors, weights, decode } = tables;
  out.fill(0);
  for (let index = 0; index < count; index += 1) {
    const row = rows[index]!;
    const weight = weights[row]! / count;
    const base = row * dimensions;
    for (let dimension = 0; dimension < dimensions; dimension += 1) {
      out[dimension]! += weight * decode[vectors[base + dimension]!]!;
    }
  }
}

/**
 * Removes the projection of `vector` on the unit `component` (when given),
 * then scales to unit length into a new Float32Array. A vector with no length
 * left becomes the zero vector rather than NaNs.
 */
export function finishSentenceVector(
  vector: Float64Array,
  component: Float32Array | undefined,
): Float32Array {
  const dimensions = vector.length;
  if (component !== undefined) {
    let projection = 0;
    for (let index = 0; index < dimensions; index += 1) projection += vector[index]! * component[index]!;
    for (let index = 0; index < dimensions; index += 1) vector[index]! -= projection * component[index]!;
  }
  let squared = 0;
  for (let index = 0; index < dimensions; index += 1) squared += vector[index]! * vector[index]!;
  const result = new Float32Array(dimensions);
  // Below this the direction is rounding noise (e.g. a one-word text parallel to the component).
  if (squared < 1e-24) return result;
  const scale = 1 / Math.sqrt(squared);
  for (let index = 0; index < dimensions; index += 1) result[index] = vector[index]! * scale;
  return result;
}
