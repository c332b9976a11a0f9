/**
 * IEEE 754 half-precision helpers. Node 20 has no Float16Array, so the cache
 * stores raw 16-bit patterns and the hot path decodes them through a 64k-entry
 * table (256 KiB), which is cheaper than bit twiddling per component.
 */

const scratchFloat = new Float32Array(1);
const scratchBits = new Uint32Array(scratchFloat.buffer);

/**
 * Converts `value` to the nearest half-precision bit pattern (round half to
 * even). Values beyond ±65504 become ±Infinity; NaN stays NaN.
 */
export function toFloat16Bits(value: number): number {
  scratchFloat[0] = value;
  const bits = scratchBits[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  const mantissa = bits & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa === 0 ? 0 : 0x200);
  const halfExponent = exponent - 127 + 15;
  if (halfExponent >= 0x1f) return sign | 0x7c00;
  if (halfExponent <= 0) {
    // Subnormal half: the implicit leading bit becomes explicit and shifts out.
    if (halfExponent < -10) return sign;
    const full = mantissa | 0x800000;
    const shift = 14 - halfExponent;
    let half = full >>> shift;
    const remainder = full & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (remainder > halfway || (remainder === halfway && (half & 1) === 1)) half += 1;
    return sign | half;
  }
  let half = (halfExponent << 10) | (mantissa >>> 13);
  const remainder = mantissa & 0x1fff;
  // A carry out of the mantissa correctly bumps the exponent.
  if (remainder > 0x1000 || (remainder === 0x1000 && (half & 1) === 1)) half += 1;
  return sign | half;
}

/** Decodes one half-precision bit pattern to a number. */
export function fromFloat16Bits(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

let decodeTable: Float32Array | undefined;

/**
 * The decode table: `table[bits]` is the value of half-precision `bits`.
 * Built once per process on first use and shared; callers must not write to it.
 */
export function float16DecodeTable(): Float32Array {
  if (decodeTable === undefined) {
    const table = new Float32Array(0x10000);
    const tableBits = new Uint32Array(table.buffer);
    for (let bits = 0; bits < 0x10000; bits += 1) {
      const exponent = (bits >>> 10) & 0x1f;
      // Normal halves widen exactly by moving their fields (rebiased exponent): no arithmetic, so the
      // 65,536 entries take about a millisecond at start instead of tens. Zeros, subnormals,
      // infinities and NaN go through the reference decoder.
      if (exponent === 0 || exponent === 0x1f) table[bits] = fromFloat16Bits(bits);
      else tableBits[bits] = ((bits & 0x8000) << 16) | ((exponent + 112) << 23) | ((bits & 0x3ff) << 13);
    }
    decodeTable = table;
  }
  return decodeTable;
}
