/**
 * @engram/store-postgres/test-support: a throwaway PostgreSQL cluster from the
 * local binaries and a conformance-suite factory over it, for tests in other
 * packages. Development only: the published package does not ship `test/`.
 */

export * from './postgres-cluster.js';
export * from './postgres-store-factory.js';
