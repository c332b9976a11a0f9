import type { SqliteHandle } from './sqlite-database.js';

/**
 * Reads one SQLite varint (1–9 bytes, big-endian, seven bits a byte with the
 * high bit as "more follows", all eight bits of a ninth byte), the integer
 * format of FTS5's shadow tables. Returns the value and the next offset.
 */
export function readVarint(bytes: Uint8Array, offset: number): [value: number, next: number] {
  let value = 0;
  for (let index = 0; index < 8; index += 1) {
    const byte = bytes[offset + index];
    if (byte === undefined) return [value, offset + index];
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return [value, offset + index + 1];
  }
  return [value * 256 + (bytes[offset + 8] ?? 0), offset + 9];
}

/** The sum of the varints of a blob (the per-column token totals of the averages record). */
function sumOfVarints(bytes: Uint8Array): number {
  let total = 0;
  let offset = 0;
  while (offset < bytes.length) {
    const [value, next] = readVarint(bytes, offset);
    total += value;
    offset = next;
  }
  return total;
}

/** What FTS5's bm25() reads about the whole table. */
export interface Fts5TableTotals {
  /** Rows in the index. */
  rows: number;
  /** Mean tokens per row over all columns (bm25's avgdl). */
  averageLength: number;
}

/**
 * Reads the totals FTS5 keeps for bm25() in its "averages" record (row 1 of
 * `<table>_data`: a varint row count, then one varint token total per
 * column). It is part of FTS5's on-disk format, so stable across versions;
 * sqlite-text-bm25.test.ts compares scores built on it with bm25() itself.
 */
export class Fts5TotalsReader {
  private readonly statement;

  constructor(database: SqliteHandle, table: string) {
    this.statement = database.prepare(`SELECT block FROM ${table}_data WHERE id = 1`).pluck();
  }

  /** The table's totals now; zero rows for an empty index. */
  read(): Fts5TableTotals {
    const block = this.statement.get() as Uint8Array | undefined;
    if (block === undefined || block.length === 0) return { rows: 0, averageLength: 0 };
    const [rows, offset] = readVarint(block, 0);
    const tokens = sumOfVarints(block.subarray(offset));
    return { rows, averageLength: rows > 0 ? tokens / rows : 0 };
  }
}
