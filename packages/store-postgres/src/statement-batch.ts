import type pg from 'pg';
import type { PostgresQueryable } from './postgres-pool.js';

interface Pending {
  text: string;
  values: readonly unknown[];
  resolve: (rows: pg.QueryResultRow[]) => void;
  reject: (error: unknown) => void;
}

/** `text` with every `$n` placeholder moved up by `offset` (our statements hold no `$` in literals). */
function renumbered(text: string, offset: number): string {
  return offset === 0 ? text : text.replace(/\$(\d+)/g, (_, index: string) => `$${Number(index) + offset}`);
}

/**
 * Sends the read statements issued in one synchronous run of the event
 * loop (say, a fetch's vector-version read and entity lookup, which
 * different ports issue back to back) as one statement: each becomes a
 * `json_agg` column of a single SELECT, so they cost one round trip
 * instead of one each. Each statement starts no earlier than it was asked
 * for (the batch is sent once the run that issued them ends), so what a
 * read sees is what it would have seen alone. A statement alone in its run
 * is sent as is.
 *
 * Rows come back through JSON: only for statements whose columns JSON
 * carries unchanged (text, integers, booleans; not bytea or timestamps), and
 * whose callers do not rely on row order (json_agg's input order is not
 * guaranteed).
 */
export class StatementBatch {
  private pending: Pending[] = [];

  constructor(private readonly database: PostgresQueryable) {}

  /** The rows of `text` (a SELECT), read in one statement with the others issued in this run. */
  rows<Row extends pg.QueryResultRow>(text: string, values: readonly unknown[]): Promise<Row[]> {
    return new Promise<Row[]>((resolve, reject) => {
      if (this.pending.length === 0) queueMicrotask(() => void this.flush());
      this.pending.push({ text, values, resolve: resolve as (rows: pg.QueryResultRow[]) => void, reject });
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    try {
      if (batch.length === 1) {
        const only = batch[0] as Pending;
        only.resolve((await this.database.query(only.text, only.values)).rows);
        return;
      }
      let offset = 0;
      const columns = batch.map((statement, index) => {
        const column = `(SELECT coalesce(json_agg(batched), '[]'::json) FROM (${renumbered(statement.text, offset)}) AS batched) AS r${index}`;
        offset += statement.values.length;
        return column;
      });
      const { rows } = await this.database.query<Record<string, pg.QueryResultRow[]>>(
        `SELECT ${columns.join(',\n')}`,
        batch.flatMap((statement) => statement.values),
      );
      for (const [index, statement] of batch.entries()) statement.resolve(rows[0]?.[`r${index}`] ?? []);
    } catch (error) {
      for (const statement of batch) statement.reject(error);
    }
  }
}
