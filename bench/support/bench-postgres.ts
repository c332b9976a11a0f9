// A throw-away PostgreSQL cluster for `--store postgres` benchmark runs,
// started through the test harness (initdb in a temp directory, a free
// port, stopped and removed when the bench exits), with durable settings:
// the harness's test defaults (no fsync) would flatter every write figure.
import { type PostgresCluster, startPostgresCluster } from '@engram/store-postgres/test-support';
import pg from 'pg';

/**
 * Settings of the benchmark cluster: fsync and full-page writes on, commits
 * flushed (synchronous_commit on, as a production server runs), and a
 * buffer cache sized for a benchmark corpus on a small machine.
 */
export const BENCH_POSTGRES_SETTINGS: Readonly<Record<string, string>> = {
  fsync: 'on',
  full_page_writes: 'on',
  synchronous_commit: 'on',
  shared_buffers: '512MB',
  max_wal_size: '4GB',
  // Counts statements for the "SQL statements / request" column (see statementCounter).
  shared_preload_libraries: 'pg_stat_statements',
};

/** A running benchmark cluster and one empty database on it. */
export interface BenchPostgres {
  cluster: PostgresCluster;
  /** `postgres://…` of the database: ENGRAM_DATABASE_URL of the server under test. */
  url: string;
  /** One line for the report: the version and the settings. */
  description: string;
}

/** Starts the cluster and creates its database; the caller destroys the cluster when done. */
export async function startBenchPostgres(): Promise<BenchPostgres> {
  const cluster = await startPostgresCluster({ settings: BENCH_POSTGRES_SETTINGS });
  const url = await cluster.createDatabase();
  const settings = Object.entries(BENCH_POSTGRES_SETTINGS)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
  return { cluster, url, description: `throw-away local cluster (${settings})` };
}

/**
 * Background statements a server runs whatever it is asked (the job queue's
 * claims and heartbeats, webhook deliveries) and the
 * counter's own reads: left out of the count, so it counts the requests' work.
 */
const BACKGROUND_STATEMENTS = [
  '%jobs%',
  '%worker_nodes%',
  '%webhook%',
  '%pg_stat_statements%',
  '%instances%',
];

/**
 * A count of the statements the database at `url` has run (pg_stat_statements,
 * which the benchmark cluster preloads), background polling left out, so the
 * difference across a timed run over its requests is the round trips per request.
 */
export async function statementCounter(
  url: string,
): Promise<{ count: () => Promise<number>; close: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  return {
    count: async () => {
      const { rows } = await client.query<{ calls: string | null }>(
        `SELECT sum(calls)::bigint AS calls FROM pg_stat_statements
         WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
           AND NOT (query ILIKE ANY ($1::text[]))`,
        [BACKGROUND_STATEMENTS],
      );
      return Number(rows[0]?.calls ?? 0);
    },
    close: () => client.end(),
  };
}

/**
 * Brings the database at `url` to a long-running server's steady state after
 * a bulk load: `VACUUM ANALYZE` (visibility map and planner statistics, which
 * autovacuum would otherwise build during the timed rows) and a `CHECKPOINT`
 * (the load's WAL flushed before, not during, the measurements). Returns the
 * seconds it took.
 */
export async function settleAfterLoad(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  try {
    await client.query('VACUUM ANALYZE');
    await client.query('CHECKPOINT');
  } finally {
    await client.end();
  }
  return (performance.now() - started) / 1000;
}
