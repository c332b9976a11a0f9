import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  JsonSyntaxError,
  type JsonTokenHandler,
  StreamingJsonTokenizer,
} from '../src/streaming-json-tokenizer.js';

/** Rebuilds the parsed value from tokens, so results compare with JSON.parse. */
class ValueBuilder implements JsonTokenHandler {
  readonly #stack: { container: unknown[] | Record<string, unknown>; key: string | undefined }[] = [];
  result: unknown;

  openContainer(kind: 'object' | 'array'): void {
    this.#stack.push({ container: kind === 'object' ? {} : [], key: undefined });
  }
  closeContainer(): void {
    const { container } = this.#stack.pop()!;
    this.#add(container);
  }
  key(name: string): void {
    this.#stack[this.#stack.length - 1]!.key = name;
  }
  string(value: string): void {
    this.#add(value);
  }
  number(value: number): void {
    this.#add(value);
  }
  literal(value: boolean | null): void {
    this.#add(value);
  }
  #add(value: unknown): void {
    const top = this.#stack[this.#stack.length - 1];
    if (top === undefined) this.result = value;
    else if (Array.isArray(top.container)) top.container.push(value);
    else top.container[top.key!] = value;
  }
}

function parse(text: string, chunkSize: number): unknown {
  const builder = new ValueBuilder();
  const tokenizer = new StreamingJsonTokenizer(builder);
  const bytes = Buffer.from(text, 'utf8');
  for (let start = 0; start < bytes.length; start += chunkSize)
    tokenizer.write(bytes.subarray(start, start + chunkSize));
  tokenizer.end();
  return builder.result;
}

const SAMPLE = JSON.stringify({
  precision: 8,
  words: ['the', ',', '"', 'back\\slash', 'café', 'emoji 😀', 'tab\tline\n', '\u0001'],
  vectors: { the: [-0.038194, 0.24487, 1e-5, -2.5e-7, 5.821154, 0, 341478], '"': [1.5e3, -0] },
  flags: [true, false, null],
  empty: { object: {}, array: [] },
  big: 12345678901234,
});

describe('StreamingJsonTokenizer', () => {
  it('matches JSON.parse whatever the chunk size (tokens split across chunks)', () => {
    const expected = JSON.parse(SAMPLE);
    for (const chunkSize of [1, 2, 3, 7, 64, SAMPLE.length]) {
      assert.deepEqual(parse(SAMPLE, chunkSize), expected, `chunk size ${chunkSize}`);
    }
  });

  it('parses numbers to the same double as JSON.parse', () => {
    const numbers = ['0.083172', '-3.0243', '2.2167', '1E+3', '-0.0054697', '3.10366561', '7e-10', '100'];
    for (const number of numbers) assert.equal(parse(number, 1), JSON.parse(number), number);
  });

  it('reports depth: top-level keys at 1, their container values at 1, nested numbers deeper', () => {
    const seen: string[] = [];
    const handler: JsonTokenHandler = {
      openContainer: (kind, depth) => seen.push(`open ${kind} ${depth}`),
      closeContainer: (kind, depth) => seen.push(`close ${kind} ${depth}`),
      key: (name, depth) => seen.push(`key ${name} ${depth}`),
      string: (value, depth) => seen.push(`string ${value} ${depth}`),
      number: (value, depth) => seen.push(`number ${value} ${depth}`),
      literal: (value, depth) => seen.push(`literal ${value} ${depth}`),
    };
    const tokenizer = new StreamingJsonTokenizer(handler);
    tokenizer.write(Buffer.from('{"a":[1,"x"],"b":null}'));
    tokenizer.end();
    assert.deepEqual(seen, [
      'open object 0',
      'key a 1',
      'open array 1',
      'number 1 2',
      'string x 2',
      'close array 1',
      'key b 1',
      'literal null 1',
      'close object 0',
    ]);
  });

  it('rejects malformed documents with the byte offset', () => {
    for (const bad of ['{"a":1', '{"a" 1}', '[1,]x', '{"a":tru}', '[1] 2', '"unterminated', '[-]', '{1:2}']) {
      assert.throws(() => parse(bad, 3), JsonSyntaxError, bad);
    }
  });
});
