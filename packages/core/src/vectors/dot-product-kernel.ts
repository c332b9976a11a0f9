/**
 * The few WebAssembly APIs this file uses, declared here (as Kysely declares
 * the driver methods it needs) because the project's `lib` has no DOM types.
 */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmRuntime {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => WasmMemory;
}

/** Bytes per WebAssembly page. */
const PAGE_BYTES = 65_536;
/** Most a single growth step adds beyond what was asked for. */
const GROWTH_CAP_BYTES = 64 * 2 ** 20;

/**
 * Exact float32 dot products of one query against many rows, in one growable
 * linear memory. Callers lay rows out in that memory themselves.
 */
export interface DotProductKernel {
  /** The current bytes of the linear memory; replaced (old views detached) whenever it grows. */
  readonly buffer: ArrayBuffer;
  /** Grows the memory to at least `bytes`; never shrinks. */
  ensureCapacity(bytes: number): void;
  /**
   * Writes `rows` float32 scores at `outputOffset`: score r = Σ query[i] × row_r[i]
   * over `stride` floats, row r starting at `matrixOffset + r × stride × 4`.
   * `stride` is a multiple of 4 and every offset a multiple of 16 bytes.
   */
  dot(queryOffset: number, matrixOffset: number, rows: number, stride: number, outputOffset: number): void;
  /** `simd`: WebAssembly SIMD (four lanes); `scalar`: the plain JavaScript fallback. */
  readonly implementation: 'simd' | 'scalar';
}

const uleb = (value: number): number[] => {
  const bytes: number[] = [];
  let rest = value;
  do {
    let byte = rest & 0x7f;
    rest >>>= 7;
    if (rest !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (rest !== 0);
  return bytes;
};
const vector = (items: readonly (readonly number[])[]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, bytes: readonly number[]): number[] => [id, ...uleb(bytes.length), ...bytes];
const name = (text: string): number[] => vector([...Buffer.from(text, 'utf8')].map((byte) => [byte]));
const simd = (opcode: number): number[] => [0xfd, ...uleb(opcode)];
const get = (local: number): number[] => [0x20, local];
const set = (local: number): number[] => [0x21, local];
const tee = (local: number): number[] => [0x22, local];
const i32 = (value: number): number[] => [0x41, ...uleb(value)];

// Locals of `dot`: the five parameters, then the byte index within a row and the accumulator.
const QUERY = 0;
const MATRIX = 1;
const ROWS = 2;
const ROW_BYTES = 3;
const OUTPUT = 4;
const INDEX = 5;
const SUM = 6;

/**
 * `dot(query, matrix, rows, rowBytes, output)`, hand-assembled: for each row,
 * four-lane f32 multiply-adds over the row, the lanes summed into one f32
 * store. Equivalent to the scalar fallback below up to float rounding order.
 */
function dotModuleBytes(): Uint8Array {
  const extract = (lane: number) => [...get(SUM), ...simd(0x1f), lane]; // f32x4.extract_lane
  const body = [
    ...[0x02, 0x40, 0x03, 0x40], // block, loop (one iteration per row)
    ...get(ROWS),
    0x45, // i32.eqz
    ...[0x0d, 1], // br_if out of the block
    ...simd(0x0c),
    ...new Array<number>(16).fill(0), // v128.const 0
    ...set(SUM),
    ...i32(0),
    ...set(INDEX),
    ...[0x03, 0x40], // loop over the row, 16 bytes at a time
    ...get(SUM),
    ...get(QUERY),
    ...get(INDEX),
    0x6a, // i32.add
    ...simd(0x00),
    ...[4, 0], // v128.load align=16
    ...get(MATRIX),
    ...get(INDEX),
    0x6a,
    ...simd(0x00),
    ...[4, 0],
    ...simd(0xe6), // f32x4.mul
    ...simd(0xe4), // f32x4.add
    ...set(SUM),
    ...get(INDEX),
    ...i32(16),
    0x6a,
    ...tee(INDEX),
    ...get(ROW_BYTES),
    0x49, // i32.lt_u
    ...[0x0d, 0], // br_if: next 16 bytes
    0x0b, // end of the row loop
    ...get(OUTPUT),
    ...extract(0),
    ...extract(1),
    0x92, // f32.add
    ...extract(2),
    0x92,
    ...extract(3),
    0x92,
    ...[0x38, 2, 0], // f32.store
    ...get(MATRIX),
    ...get(ROW_BYTES),
    0x6a,
    ...set(MATRIX),
    ...get(OUTPUT),
    ...i32(4),
    0x6a,
    ...set(OUTPUT),
    ...get(ROWS),
    ...i32(1),
    0x6b, // i32.sub
    ...set(ROWS),
    ...[0x0c, 0], // br: next row
    ...[0x0b, 0x0b, 0x0b], // end loop, end block, end function
  ];
  const code = [
    ...vector([
      [1, 0x7f],
      [1, 0x7b],
    ]),
    ...body,
  ]; // locals: one i32, one v128
  const int32 = [0x7f];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector([[0x60, ...vector([int32, int32, int32, int32, int32]), ...vector([])]])),
    ...section(2, vector([[...name('env'), ...name('memory'), 0x02, 0x00, 0x01]])),
    ...section(3, vector([[0]])),
    ...section(7, vector([[...name('dot'), 0x00, 0]])),
    ...section(10, vector([[...uleb(code.length), ...code]])),
  ]);
}

let compiledModule: object | undefined;

/**
 * A kernel over a fresh linear memory of `initialBytes` (rounded up to whole
 * pages). Uses WebAssembly SIMD when the runtime has it (Node 16.4 and later
 * do), else a scalar JavaScript loop with the same contract.
 */
export function createDotProductKernel(initialBytes: number): DotProductKernel {
  const runtime = (globalThis as unknown as { WebAssembly?: WasmRuntime }).WebAssembly;
  const pages = Math.max(1, Math.ceil(initialBytes / PAGE_BYTES));
  if (runtime !== undefined) {
    const bytes = dotModuleBytes();
    if (compiledModule === undefined && runtime.validate(bytes)) compiledModule = new runtime.Module(bytes);
    if (compiledModule !== undefined) {
      const memory = new runtime.Memory({ initial: pages });
      const instance = new runtime.Instance(compiledModule, { env: { memory } });
      const dot = instance.exports.dot as (q: number, m: number, r: number, b: number, o: number) => void;
      return {
        get buffer() {
          return memory.buffer;
        },
        ensureCapacity: (wanted) => {
          const current = memory.buffer.byteLength;
          if (wanted <= current) return;
          // Geometric growth: each grow replaces the buffer object, so grow rarely.
          const target = Math.max(wanted, Math.min(current * 2, current + GROWTH_CAP_BYTES));
          memory.grow(Math.ceil((target - current) / PAGE_BYTES));
        },
        dot: (queryOffset, matrixOffset, rows, stride, outputOffset) =>
          dot(queryOffset, matrixOffset, rows, stride * 4, outputOffset),
        implementation: 'simd',
      };
    }
  }
  return scalarKernel(pages * PAGE_BYTES);
}

function scalarKernel(initialBytes: number): DotProductKernel {
  let buffer = new ArrayBuffer(initialBytes);
  return {
    get buffer() {
      return buffer;
    },
    ensureCapacity: (wanted) => {
      if (wanted <= buffer.byteLength) return;
      const target = Math.max(wanted, Math.min(buffer.byteLength * 2, buffer.byteLength + GROWTH_CAP_BYTES));
      const grown = new ArrayBuffer(Math.ceil(target / PAGE_BYTES) * PAGE_BYTES);
      new Uint8Array(grown).set(new Uint8Array(buffer));
      buffer = grown;
    },
    dot: (queryOffset, matrixOffset, rows, stride, outputOffset) => {
      const floats = new Float32Array(buffer);
      const query = queryOffset / 4;
      let row = matrixOffset / 4;
      for (let index = 0; index < rows; index += 1, row += stride) {
        let sum = 0;
        for (let offset = 0; offset < stride; offset += 1) {
          sum += (floats[query + offset] as number) * (floats[row + offset] as number);
        }
        floats[outputOffset / 4 + index] = sum;
      }
    },
    implementation: 'scalar',
  };
}
