import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { float16DecodeTable, fromFloat16Bits, toFloat16Bits } from '../src/float16.js';

describe('float16', () => {
  it('round-trips every half-precision bit pattern except NaN payloads', () => {
    for (let bits = 0; bits < 0x10000; bits += 1) {
      const value = fromFloat16Bits(bits);
      if (Number.isNaN(value)) continue;
      assert.equal(toFloat16Bits(value), bits, `bits ${bits.toString(16)}`);
    }
  });

  it('rounds to nearest within half a unit in the last place', () => {
    for (const value of [0.1, -0.38194, 3.33331, 1e-5, -2.7e-7, 5.821154, 1234.567]) {
      const decoded = fromFloat16Bits(toFloat16Bits(value));
      const tolerance = Math.max(Math.abs(value) * 2 ** -11, 2 ** -25);
      assert.ok(Math.abs(decoded - value) <= tolerance, `${value} → ${decoded}`);
    }
  });

  it('overflows to infinity, keeps signed zero and NaN', () => {
    assert.equal(fromFloat16Bits(toFloat16Bits(1e6)), Number.POSITIVE_INFINITY);
    assert.equal(fromFloat16Bits(toFloat16Bits(-1e6)), Number.NEGATIVE_INFINITY);
    assert.ok(Object.is(fromFloat16Bits(toFloat16Bits(-0)), -0));
    assert.ok(Number.isNaN(fromFloat16Bits(toFloat16Bits(Number.NaN))));
  });

  it('decode table agrees with fromFloat16Bits', () => {
    const table = float16DecodeTable();
    // Every pattern: the table widens normals by moving bits, so each must equal the reference decoder.
    for (let bits = 0; bits < 0x10000; bits += 1) {
      const expected = Math.fround(fromFloat16Bits(bits));
      if (Number.isNaN(expected)) assert.ok(Number.isNaN(table[bits]), `bits ${bits}`);
      else assert.ok(Object.is(table[bits], expected), `bits ${bits}`);
    }
  });
});
