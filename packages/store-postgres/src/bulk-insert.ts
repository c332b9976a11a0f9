import type pg from 'pg';
import type { PostgresQueryable } from './postgres-pool.js';

/** The protocol's limit is 65,535 bind parameters per statement; stay well under it. */
const MAX_PARAMETERS = 30_000;

/**
 * Inserts `rows` (each one value per column, in `columns` order) with as few
 * multi-row INSERTs as the parameter limit allows: one round trip per chunk
 * instead of one per row. `expressions` wraps a column's placeholder in SQL (`{}`
 * stands for it: `array_to_tsvector({}::text[])`). `suffix` follows VALUES (ON CONFLICT, RETURNING);
 * the returned rows are every chunk's, in order.
 */
export async function insertRows<Row extends pg.QueryResultRow = pg.QueryResultRow>(
  sql: PostgresQueryable,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  options: { suffix?: string; expressions?: Readonly<Record<string, string>> } = {},
): Promise<Row[]> {
  if (rows.length === 0) return [];
  const perChunk = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const expressions = columns.map((column) => options.expressions?.[column] ?? '{}');
  const returned: Row[] = [];
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const values: unknown[] = [];
    const tuples = chunk.map((row) => {
      const placeholders = row.map((value, index) => {
        values.push(value);
        return (expressions[index] as string).replace('{}', `$${values.length}`);
      });
      return `(${placeholders.join(', ')})`;
    });
    const result = await sql.query<Row>(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ${options.suffix ?? ''}`,
      values,
    );
    returned.push(...result.rows);
  }
  return returned;
}
