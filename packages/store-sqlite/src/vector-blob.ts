/**
 * The bytes of a float32 vector as sqlite-vec reads them (float32, platform
 * order: little-endian on every platform Node supports). A view, not a copy:
 * only the vector's own slice of a shared buffer is taken.
 */
export function vectorBlob(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

/** True when every component is zero (cosine similarity is undefined for it). */
export function isZeroVector(vector: Float32Array): boolean {
  for (const component of vector) if (component !== 0) return false;
  return true;
}
