// A throw-away PostgreSQL cluster for tests: initdb in a temp directory, a
// free TCP port on 127.0.0.1, the unix socket in the same temp directory,
// and a server stopped (and its files removed) when the test process ends,
// even when it is killed. Tests running as root (CI containers) run the
// server as the `postgres` user the Debian package creates: PostgreSQL
// refuses to run as root.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** A running cluster; every database it makes is dropped with it. */
export interface PostgresCluster {
  /** The TCP port on 127.0.0.1. */
  readonly port: number;
  /** A URL for a new, empty database (`postgres://engram@127.0.0.1:port/name`). */
  createDatabase(): Promise<string>;
  /** Stops the server (fast shutdown); its data stays, for {@link start}. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it and removes its files. */
  destroy(): Promise<void>;
}

/** The directory of PostgreSQL's server binaries: $ENGRAM_PG_BIN, else the newest /usr/lib/postgresql/N/bin with N ≥ 15. */
export function postgresBinaries(): string | undefined {
  const fromEnvironment = process.env.ENGRAM_PG_BIN;
  if (fromEnvironment) return fromEnvironment;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .map(Number)
    .filter((version) => version >= 15 && existsSync(join(root, String(version), 'bin', 'initdb')))
    .sort((left, right) => right - left);
  return versions.length > 0 ? join(root, String(versions[0]), 'bin') : undefined;
}

/** The uid and gid to run the server as: the `postgres` user when we are root, else ourselves. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/** A TCP port on 127.0.0.1 that was free a moment ago (the kernel picked it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitUntilReady(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`postgres exited with ${server.exitCode}: ${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => {});
      if (Date.now() > deadline) throw new Error(`postgres did not start: ${String(error)}\n${log()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Options of {@link startPostgresCluster}. */
export interface PostgresClusterOptions {
  /**
   * Server settings (`-c name=value`) that replace the defaults: a benchmark
   * passes `fsync: 'on'` and the like to measure a durable server.
   */
  settings?: Readonly<Record<string, string>>;
}

/**
 * Starts a new cluster. Fast and unsafe settings by default (no fsync): the
 * data is thrown away anyway. Superuser `engram`, trust authentication on
 * 127.0.0.1 and the socket only.
 */
export async function startPostgresCluster(options: PostgresClusterOptions = {}): Promise<PostgresCluster> {
  const binaries = postgresBinaries();
  if (binaries === undefined)
    throw new Error('PostgreSQL ≥ 15 binaries not found (install postgresql or set ENGRAM_PG_BIN)');
  const directory = mkdtempSync(join(tmpdir(), 'engram-pg-'));
  const data = join(directory, 'data');
  const user = serverUser();
  if (user) {
    chownSync(directory, user.uid, user.gid);
    chmodSync(directory, 0o700);
  }
  const owned = user ? { uid: user.uid, gid: user.gid } : {};
  const init = spawnSync(
    join(binaries, 'initdb'),
    [
      '-D',
      data,
      '-U',
      'engram',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
      '--no-instructions',
    ],
    { cwd: directory, encoding: 'utf8', ...owned },
  );
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  const port = await freePort();
  const adminUrl = `postgres://engram@127.0.0.1:${port}/postgres`;
  let server: ChildProcess | undefined;
  let output = '';

  const start = async () => {
    output = '';
    server = spawn(
      join(binaries, 'postgres'),
      [
        '-D',
        data,
        '-p',
        String(port),
        '-k',
        directory,
        '-h',
        '127.0.0.1',
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
        '-c',
        'max_connections=300',
        '-c',
        'shared_buffers=64MB',
        // Later settings win: these replace the defaults above.
        ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
      ],
      { cwd: directory, stdio: ['ignore', 'pipe', 'pipe'], ...owned },
    );
    server.stdout?.on('data', (chunk) => (output = (output + chunk).slice(-8000)));
    server.stderr?.on('data', (chunk) => (output = (output + chunk).slice(-8000)));
    // The server must not keep the test process alive: it is stopped at exit.
    server.unref();
    (server.stdout as { unref?: () => void } | null)?.unref?.();
    (server.stderr as { unref?: () => void } | null)?.unref?.();
    await waitUntilReady(adminUrl, server, () => output);
  };
  const stop = async () => {
    const running = server;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    // The server is unref'd so that it never keeps a test process alive; while
    // we wait for its exit it must, or node ends the run with this promise pending.
    running.ref();
    running.kill('SIGINT');
    await exited;
  };

  await start();
  // The watchdog outlives a killed test process: once the parent is gone it
  // stops the server (immediate shutdown) and removes the files.
  const watchdog = spawn(
    'sh',
    [
      '-c',
      `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; ` +
        `kill -QUIT $(head -1 '${data}/postmaster.pid' 2>/dev/null) 2>/dev/null; sleep 1; rm -rf '${directory}'`,
    ],
    { detached: true, stdio: 'ignore' },
  );
  watchdog.unref();
  process.once('exit', () => {
    server?.kill('SIGQUIT');
  });

  let databases = 0;
  return {
    port,
    async createDatabase() {
      databases += 1;
      const name = `engram_test_${process.pid}_${databases}`;
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://engram@127.0.0.1:${port}/${name}`;
    },
    stop,
    start,
    async destroy() {
      await stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

let shared: Promise<PostgresCluster> | undefined;

/** One cluster per test process (so per test file), started on first use. */
export function sharedPostgresCluster(): Promise<PostgresCluster> {
  shared ??= startPostgresCluster();
  return shared;
}
