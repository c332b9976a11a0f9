import type { StoreFactory } from '@engram/core/test-support';
import { PostgresEngramStore } from '../../src/index.js';
import { sharedPostgresCluster } from './postgres-cluster.js';

/**
 * A conformance-suite factory over a fresh database of this file's cluster:
 * `open` creates the database and opens a store on it, `reopen` closes the
 * store and opens a new one on the same database (durability), `dispose`
 * closes every store it opened (the cluster goes with the process).
 */
export function postgresStoreFactory(): StoreFactory & { current(): PostgresEngramStore | undefined } {
  let url: string | undefined;
  let current: PostgresEngramStore | undefined;
  // Suites that open a store per test leave earlier ones open until dispose.
  const opened: PostgresEngramStore[] = [];
  return {
    current: () => current,
    async open() {
      url = await (await sharedPostgresCluster()).createDatabase();
      current = await PostgresEngramStore.open(url);
      opened.push(current);
      return current;
    },
    async reopen() {
      await current?.close();
      current = await PostgresEngramStore.open(url as string);
      opened.push(current);
      return current;
    },
    async dispose() {
      for (const store of opened) await store.close();
    },
  };
}
