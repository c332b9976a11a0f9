import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EngramConfig, resolveConfig, type UserRelationship } from '@engram/core';
import { sharedPostgresCluster } from '@engram/store-postgres/test-support';
import { type RunningServer, startServer } from '../../src/app/start-server.js';
import { createLogger } from '../../src/logger.js';

/** Where test servers share derived model files. */
export const SHARED_MODEL_CACHE = join(tmpdir(), 'engram-test-models');

/** A real server on an ephemeral loopback port over a real SQLite file in a temp directory (or a real PostgreSQL database). */
export interface TestServer {
  url: string;
  dataDir: string;
  /** The environment a CLI process needs to open this server's store (data directory, and database URL on PostgreSQL). */
  cliEnv: Record<string, string>;
  server: RunningServer;
  /** Creates an instance and returns its ids and key. */
  createInstance(
    relationship?: UserRelationship,
  ): Promise<{ clientId: string; instanceId: string; apiKey: string }>;
  /** Stops the server (keeping the data directory). */
  stop(): Promise<void>;
  /** Starts a new server on the same data directory. */
  restart(): Promise<void>;
  /** Stops the server and deletes the data directory. */
  dispose(): Promise<void>;
}

/**
 * Rate limits of test servers: off, since tests poll and load one key far
 * faster than a client would; tests of the limits pass their own. The
 * failed-authentication throttle keeps its default.
 */
export const TEST_RATE_LIMITS: Partial<EngramConfig> = {
  rateLimitKeyPerSecond: 0,
  rateLimitInstancePerSecond: 0,
};

/**
 * The store test servers use when a test names none: the SQLite file in the
 * data directory, or, with `ENGRAM_TEST_STORE=postgres`, a fresh database
 * of a throw-away PostgreSQL cluster (one per test process), so the same
 * end-to-end suites run against either store.
 */
export function testStoreKind(): 'sqlite' | 'postgres' {
  return process.env.ENGRAM_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';
}

/** A new, empty database on this test process's throw-away PostgreSQL cluster. */
export async function createTestDatabase(): Promise<string> {
  return (await sharedPostgresCluster()).createDatabase();
}

/** Starts a server for a test file; pass overrides for limits etc. (`databaseUrl` picks PostgreSQL). */
export async function startTestServer(overrides: Partial<EngramConfig> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'engram-test-'));
  const databaseUrl =
    overrides.databaseUrl ?? (testStoreKind() === 'postgres' ? await createTestDatabase() : undefined);
  const config = {
    ...resolveConfig({ env: {} }),
    port: 0,
    dataDir,
    bootstrapDefaultInstance: false,
    ...TEST_RATE_LIMITS,
    ...overrides,
    ...(databaseUrl !== undefined && { databaseUrl }),
  };
  const logger = createLogger('silent');
  let server = await startServer(config, logger);
  const handle: TestServer = {
    get url() {
      return server.url;
    },
    dataDir,
    cliEnv: {
      ENGRAM_DATA_DIR: dataDir,
      ...(databaseUrl !== undefined && { ENGRAM_DATABASE_URL: databaseUrl }),
    },
    get server() {
      return server;
    },
    async createInstance(relationship: UserRelationship = 'b2c') {
      const created = await server.services.tenancy.createInstance({
        name: `test-${relationship}`,
        relationship,
      });
      return { clientId: created.client_id, instanceId: created.instance_id, apiKey: created.api_key };
    },
    stop: () => server.close(),
    async restart() {
      await server.close();
      server = await startServer({ ...config, port: 0 }, logger);
    },
    async dispose() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return handle;
}

/** A decoded JSON body, loosely typed for assertions. */
// biome-ignore lint/suspicious/noExplicitAny: tests poke into arbitrary response shapes.
export type JsonBody = Record<string, any>;

/** Reads a response body as JSON for assertions. */
export async function readBody(response: Response): Promise<JsonBody> {
  return (await response.json()) as JsonBody;
}
