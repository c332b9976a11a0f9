/**
 * A push-based (SAX-style) JSON tokenizer over UTF-8 byte chunks. It exists so
 * the ~300 MB GloVe JSON can be read in 1 MiB chunks with constant memory:
 * `JSON.parse` of the whole file would need several gigabytes. Numbers are
 * parsed incrementally digit by digit, so a number split across two chunks
 * needs no buffering and no intermediate string.
 */

/**
 * Receives tokens in document order. `depth` is the number of containers
 * enclosing the token: the top-level value has depth 0, a key of the top-level
 * object depth 1, and a container's start and end share the same depth.
 */
export interface JsonTokenHandler {
  openContainer(kind: 'object' | 'array', depth: number): void;
  closeContainer(kind: 'object' | 'array', depth: number): void;
  key(name: string, depth: number): void;
  string(value: string, depth: number): void;
  number(value: number, depth: number): void;
  literal(value: boolean | null, depth: number): void;
}

/** Thrown for input that is not well-formed JSON; `offset` is the byte where it was noticed. */
export class JsonSyntaxError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(`${message} at byte ${offset}`);
    this.name = 'JsonSyntaxError';
    this.offset = offset;
  }
}

enum Mode {
  Value,
  ValueOrArrayEnd,
  KeyOrObjectEnd,
  Key,
  Colon,
  CommaOrEnd,
  String,
  StringEscape,
  Number,
  Literal,
  Done,
}

enum NumberPhase {
  Sign,
  Integer,
  FractionStart,
  Fraction,
  ExponentSign,
  ExponentStart,
  Exponent,
}

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, power) => 10 ** power);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Tokenizes one JSON document fed as consecutive byte chunks. Not reentrant. */
export class StreamingJsonTokenizer {
  readonly #handler: JsonTokenHandler;
  /** true for an open object, false for an open array. */
  readonly #stack: boolean[] = [];
  #mode: Mode = Mode.Value;
  /** Bytes of input before the current chunk. */
  #offset = 0;
  /** Index in the current chunk of the structural byte being read, for error offsets. */
  #cursor = 0;

  #stringBytes = new Uint8Array(256);
  #stringLength = 0;
  #stringIsKey = false;
  #stringHasEscape = false;

  #numberPhase: NumberPhase = NumberPhase.Sign;
  #numberNegative = false;
  #numberMantissa = 0;
  #numberFractionDigits = 0;
  #numberExponent = 0;
  #numberExponentNegative = false;

  #literal = '';

  constructor(handler: JsonTokenHandler) {
    this.#handler = handler;
  }

  /** Feeds the next chunk. Throws {@link JsonSyntaxError} on malformed input. */
  write(chunk: Uint8Array): void {
    const length = chunk.length;
    let index = 0;
    while (index < length) {
      switch (this.#mode) {
        case Mode.String:
        case Mode.StringEscape:
          index = this.#readString(chunk, index);
          break;
        case Mode.Number:
          index = this.#readNumber(chunk, index);
          break;
        case Mode.Literal:
          index = this.#readLiteral(chunk, index);
          break;
        default:
          this.#cursor = index;
          this.#readStructural(chunk[index]!);
          index += 1;
      }
    }
    this.#offset += length;
  }

  /** Signals the end of input; throws when the document is incomplete. */
  end(): void {
    if (this.#mode === Mode.Number) this.#finishNumber(this.#offset);
    if (this.#mode === Mode.Literal) this.#finishLiteral(this.#offset);
    if (this.#mode !== Mode.Done) throw new JsonSyntaxError('Unexpected end of JSON input', this.#offset);
  }

  #readStructural(byte: number): void {
    if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) return;
    const mode = this.#mode;
    if (mode === Mode.Value || mode === Mode.ValueOrArrayEnd) {
      if (mode === Mode.ValueOrArrayEnd && byte === 0x5d) this.#close(false);
      else this.#startValue(byte);
    } else if (mode === Mode.KeyOrObjectEnd || mode === Mode.Key) {
      if (mode === Mode.KeyOrObjectEnd && byte === 0x7d) this.#close(true);
      else if (byte === 0x22) this.#startString(true);
      else this.#fail('Expected a key');
    } else if (mode === Mode.Colon) {
      if (byte !== 0x3a) this.#fail("Expected ':'");
      this.#mode = Mode.Value;
    } else if (mode === Mode.CommaOrEnd) {
      const inObject = this.#stack[this.#stack.length - 1] === true;
      if (byte === 0x2c) this.#mode = inObject ? Mode.Key : Mode.Value;
      else if (byte === (inObject ? 0x7d : 0x5d)) this.#close(inObject);
      else this.#fail("Expected ',' or the end of a container");
    } else {
      this.#fail('Unexpected content after the document');
    }
  }

  #startValue(byte: number): void {
    if (byte === 0x22) {
      this.#startString(false);
    } else if (byte === 0x7b || byte === 0x5b) {
      const isObject = byte === 0x7b;
      this.#handler.openContainer(isObject ? 'object' : 'array', this.#stack.length);
      this.#stack.push(isObject);
      this.#mode = isObject ? Mode.KeyOrObjectEnd : Mode.ValueOrArrayEnd;
    } else if (byte === 0x2d || (byte >= 0x30 && byte <= 0x39)) {
      // The first byte is consumed here: a sign, or the first integer digit.
      this.#numberNegative = byte === 0x2d;
      this.#numberPhase = this.#numberNegative ? NumberPhase.Sign : NumberPhase.Integer;
      this.#numberMantissa = this.#numberNegative ? 0 : byte - 0x30;
      this.#numberFractionDigits = 0;
      this.#numberExponent = 0;
      this.#numberExponentNegative = false;
      this.#mode = Mode.Number;
    } else if (byte >= 0x61 && byte <= 0x7a) {
      this.#literal = String.fromCharCode(byte);
      this.#mode = Mode.Literal;
    } else {
      this.#fail('Unexpected byte where a value was expected');
    }
  }

  #afterValue(): void {
    this.#mode = this.#stack.length === 0 ? Mode.Done : Mode.CommaOrEnd;
  }

  #close(isObject: boolean): void {
    this.#stack.pop();
    this.#handler.closeContainer(isObject ? 'object' : 'array', this.#stack.length);
    this.#afterValue();
  }

  #startString(isKey: boolean): void {
    this.#stringIsKey = isKey;
    this.#stringLength = 0;
    this.#stringHasEscape = false;
    this.#mode = Mode.String;
  }

  #readString(chunk: Uint8Array, start: number): number {
    let index = start;
    const length = chunk.length;
    if (this.#mode === Mode.StringEscape && index < length) {
      // The escaped byte is kept verbatim; the whole literal is decoded at its end.
      this.#appendStringBytes(chunk, index, index + 1);
      index += 1;
      this.#mode = Mode.String;
    }
    let runStart = index;
    while (index < length) {
      const byte = chunk[index]!;
      if (byte === 0x22) {
        this.#appendStringBytes(chunk, runStart, index);
        this.#finishString(start);
        return index + 1;
      }
      if (byte === 0x5c) {
        this.#appendStringBytes(chunk, runStart, index + 1);
        this.#stringHasEscape = true;
        index += 1;
        if (index < length) {
          this.#appendStringBytes(chunk, index, index + 1);
          index += 1;
        } else {
          this.#mode = Mode.StringEscape;
        }
        runStart = index;
        continue;
      }
      if (byte < 0x20) this.#fail('Control character in a string', this.#offset + index);
      index += 1;
    }
    this.#appendStringBytes(chunk, runStart, index);
    return index;
  }

  #appendStringBytes(chunk: Uint8Array, from: number, to: number): void {
    const count = to - from;
    if (count <= 0) return;
    if (this.#stringLength + count > this.#stringBytes.length) {
      const grown = new Uint8Array(Math.max(this.#stringBytes.length * 2, this.#stringLength + count));
      grown.set(this.#stringBytes.subarray(0, this.#stringLength));
      this.#stringBytes = grown;
    }
    this.#stringBytes.set(chunk.subarray(from, to), this.#stringLength);
    this.#stringLength += count;
  }

  #finishString(chunkIndex: number): void {
    let value: string;
    try {
      const raw = utf8.decode(this.#stringBytes.subarray(0, this.#stringLength));
      // JSON.parse of one already-delimited string literal is the exact JSON unescape.
      value = this.#stringHasEscape ? (JSON.parse(`"${raw}"`) as string) : raw;
    } catch {
      this.#fail('Invalid string literal', this.#offset + chunkIndex);
    }
    if (this.#stringIsKey) {
      this.#handler.key(value, this.#stack.length);
      this.#mode = Mode.Colon;
    } else {
      this.#handler.string(value, this.#stack.length);
      this.#afterValue();
    }
  }

  #readNumber(chunk: Uint8Array, start: number): number {
    let index = start;
    const length = chunk.length;
    let phase = this.#numberPhase;
    let mantissa = this.#numberMantissa;
    let fractionDigits = this.#numberFractionDigits;
    let exponent = this.#numberExponent;
    while (index < length) {
      const byte = chunk[index]!;
      const digit = byte - 0x30;
      if (digit >= 0 && digit <= 9) {
        if (phase === NumberPhase.Sign || phase === NumberPhase.Integer) {
          mantissa = mantissa * 10 + digit;
          phase = NumberPhase.Integer;
        } else if (phase === NumberPhase.FractionStart || phase === NumberPhase.Fraction) {
          mantissa = mantissa * 10 + digit;
          fractionDigits += 1;
          phase = NumberPhase.Fraction;
        } else {
          exponent = exponent * 10 + digit;
          phase = NumberPhase.Exponent;
        }
      } else if (byte === 0x2e && phase === NumberPhase.Integer) {
        phase = NumberPhase.FractionStart;
      } else if (
        (byte === 0x65 || byte === 0x45) &&
        (phase === NumberPhase.Integer || phase === NumberPhase.Fraction)
      ) {
        phase = NumberPhase.ExponentSign;
      } else if ((byte === 0x2b || byte === 0x2d) && phase === NumberPhase.ExponentSign) {
        this.#numberExponentNegative = byte === 0x2d;
        phase = NumberPhase.ExponentStart;
      } else {
        this.#numberPhase = phase;
        this.#numberMantissa = mantissa;
        this.#numberFractionDigits = fractionDigits;
        this.#numberExponent = exponent;
        this.#finishNumber(this.#offset + index);
        return index; // the terminating byte is structural: read it again
      }
      index += 1;
    }
    this.#numberPhase = phase;
    this.#numberMantissa = mantissa;
    this.#numberFractionDigits = fractionDigits;
    this.#numberExponent = exponent;
    return index;
  }

  #finishNumber(offset: number): void {
    const phase = this.#numberPhase;
    if (phase !== NumberPhase.Integer && phase !== NumberPhase.Fraction && phase !== NumberPhase.Exponent) {
      this.#fail('Invalid number', offset);
    }
    const power =
      (this.#numberExponentNegative ? -this.#numberExponent : this.#numberExponent) -
      this.#numberFractionDigits;
    // Dividing by an exact power of ten keeps the result correctly rounded for short mantissas.
    const scale = POWERS_OF_TEN[Math.abs(power)] ?? 10 ** Math.abs(power);
    const magnitude = power >= 0 ? this.#numberMantissa * scale : this.#numberMantissa / scale;
    this.#handler.number(this.#numberNegative ? -magnitude : magnitude, this.#stack.length);
    this.#afterValue();
  }

  #readLiteral(chunk: Uint8Array, start: number): number {
    let index = start;
    while (index < chunk.length) {
      const byte = chunk[index]!;
      if (byte < 0x61 || byte > 0x7a) {
        this.#finishLiteral(this.#offset + index);
        return index;
      }
      this.#literal += String.fromCharCode(byte);
      if (this.#literal.length > 5) this.#fail('Invalid literal', this.#offset + index);
      index += 1;
    }
    return index;
  }

  #finishLiteral(offset: number): void {
    const literal = this.#literal;
    if (literal !== 'true' && literal !== 'false' && literal !== 'null')
      this.#fail('Invalid literal', offset);
    this.#handler.literal(literal === 'null' ? null : literal === 'true', this.#stack.length);
    this.#afterValue();
  }

  #fail(message: string, offset = this.#offset + this.#cursor): never {
    throw new JsonSyntaxError(message, offset);
  }
}
