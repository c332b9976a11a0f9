// A throw-away PostgreSQL cluster for `--store postgres` benchmark runs,
// started through the test harness (initdb in a temp directory, a free
// port, stopped and removed when the bench exits), with durable settings:
// the harness's test defaults (no fsync) would flatter every write figure.
import { type PostgresCluster, startPostgresCluster } from '@engram/store-postgres/test-support';

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
