import pg from 'pg';
import { postgresError } from './postgres-error.js';

/** Limits and timeouts of the connection pool (see {@link openPostgresPool}). */
export interface PostgresPoolOptions {
  /** Most connections this process opens (default 10): N nodes × max must stay under the server's max_connections. */
  maxConnections?: number;
  /** How long a caller waits for a free connection or a new one before STORE_UNAVAILABLE (default 5 s). */
  connectionTimeoutMs?: number;
  /** Idle connections are closed after this (default 30 s). */
  idleTimeoutMs?: number;
  /** Server-side limit on one statement (default 30 s): a runaway query cannot hold a connection forever. */
  statementTimeoutMs?: number;
  /** `application_name`, shown in pg_stat_activity (default `engram`). */
  applicationName?: string;
}

/** A connection taken from the pool for a transaction: plain queries, no commit handling. */
export interface PostgresQueryable {
  query<Row extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: readonly unknown[],
  ): Promise<pg.QueryResult<Row>>;
}

/**
 * The adapter's handle on PostgreSQL: a bounded pool with timeouts, plain
 * queries and transactions, every driver failure mapped to the error model
 * (a database that is down or saturated is STORE_UNAVAILABLE, 503). The pool
 * reconnects by itself: once the server is back, the next query succeeds.
 */
export class PostgresDatabase implements PostgresQueryable {
  private closed = false;

  constructor(readonly pool: pg.Pool) {
    // An idle connection the server closed (restart, failover) emits here;
    // without a listener it would crash the process. The next query reconnects.
    pool.on('error', () => {});
  }

  /**
   * One statement on any pooled connection; errors mapped by
   * {@link postgresError}, `conflictMessage` being the CONFLICT message for a
   * unique violation.
   */
  async query<Row extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values: readonly unknown[] = [],
    conflictMessage = 'a row with this key already exists',
  ): Promise<pg.QueryResult<Row>> {
    try {
      return await this.pool.query<Row>(text, values as unknown[]);
    } catch (error) {
      throw postgresError(error, conflictMessage);
    }
  }

  /**
   * Runs `work` in one transaction on one connection: COMMIT when it
   * resolves, ROLLBACK when it throws (the error is rethrown, mapped).
   * `conflictMessage` is the CONFLICT message for a unique violation.
   */
  async transaction<Result>(
    work: (client: PostgresQueryable) => Promise<Result>,
    conflictMessage = 'a row with this key already exists',
  ): Promise<Result> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw postgresError(error, conflictMessage);
    }
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        // The connection itself failed: it must not go back into the pool.
        broken = true;
      }
      throw postgresError(error, conflictMessage);
    } finally {
      client.release(broken);
    }
  }

  /** Closes every connection; idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

/**
 * A pool for `url` (`postgres://user:password@host:port/database`, or a
 * `?host=/socket/dir` query for a unix socket) with the limits above.
 * Connections are opened lazily, so this never fails on a database that is
 * down: the first query does, with STORE_UNAVAILABLE.
 */
export function openPostgresPool(url: string, options: PostgresPoolOptions = {}): PostgresDatabase {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
    idleTimeoutMillis: options.idleTimeoutMs ?? 30_000,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    application_name: options.applicationName ?? 'engram',
    // BIGINT (identity columns, count(*)) as a number, for this pool only:
    // every such value here is far below 2^53.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === pg.types.builtins.INT8 && format !== 'binary'
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
    },
  });
  return new PostgresDatabase(pool);
}
