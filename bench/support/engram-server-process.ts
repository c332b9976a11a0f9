import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { z } from 'zod';

const REPOSITORY_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Benchmarks set their own limits: a load generator is one key at thousands
 * of requests per second, which the default rate limits would answer 429.
 * Off unless the caller's environment or `env` sets them.
 */
export const BENCHMARK_LIMITS: Readonly<Record<string, string>> = {
  ENGRAM_RATE_LIMIT_KEY_PER_SECOND: '0',
  ENGRAM_RATE_LIMIT_INSTANCE_PER_SECOND: '0',
  ENGRAM_MAX_CONNECTIONS: '65536',
};

/** How to start a throw-away server for a benchmark. */
export interface StartEngramServerOptions {
  /** Data directory; a fresh temporary one (removed on stop) when absent. */
  readonly dataDir?: string;
  /** Extra environment for both commands; `ENGRAM_DATA_DIR` is always set to the data directory. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Instance name passed to `engram instance create` (default `bench`). */
  readonly instanceName?: string;
  /** User relationship of the instance (default `b2c`). */
  readonly relationship?: 'b2c' | 'b2b';
  /** An instance already in `dataDir` (a prepared corpus): used as is, no `engram instance create`. */
  readonly instance?: { readonly instanceId: string; readonly clientId: string; readonly apiKey: string };
  /** How long to wait for the `server-listening` line (default 120 s: first start compiles through tsx). */
  readonly startTimeoutMs?: number;
  /** Receives every server output line after start-up, e.g. to surface errors; ignored by default. */
  readonly onOutput?: (line: string) => void;
  /**
   * The built checkout whose `engram` runs (default: this repository), so a
   * benchmark can measure a baseline tree (e.g. main) in the same run.
   */
  readonly root?: string;
}

/** A running server: where it listens, the key of its one instance, and how to stop it. */
export interface EngramServerHandle {
  readonly url: string;
  readonly apiKey: string;
  readonly instanceId: string;
  readonly clientId: string;
  readonly dataDir: string;
  /** Process group of the server (npx and the node process under it), for resource readings. */
  readonly processGroup: number;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s) and removes a temporary data directory. Idempotent. */
  stop(): Promise<void>;
}

const instanceCreatedSchema = z.object({
  client_id: z.string().min(1),
  instance_id: z.string().min(1),
  api_key: z.string().min(1),
});

const listeningSchema = z.object({ event: z.literal('server-listening'), url: z.url() });

/** JSON.parse that answers undefined instead of throwing: output lines may be plain text. */
function tryParseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

async function createInstance(
  env: NodeJS.ProcessEnv,
  name: string,
  relationship: string,
  root: string,
): Promise<z.infer<typeof instanceCreatedSchema>> {
  const args = ['engram', 'instance', 'create', '--name', name, '--relationship', relationship, '--json'];
  const { stdout } = await promisify(execFile)('npx', args, { cwd: root, env });
  // npm may print notices; the command's answer is the one JSON object line.
  for (const line of stdout.split('\n').reverse()) {
    const parsed = instanceCreatedSchema.safeParse(tryParseJson(line.trim()));
    if (parsed.success) return parsed.data;
  }
  throw new Error('engram instance create printed no {client_id, instance_id, api_key} line');
}

/** Resolves with the listening URL, or rejects if the process exits or the timeout passes first. */
function waitForListening(
  child: ChildProcess,
  timeoutMs: number,
  onOutput?: (line: string) => void,
): Promise<string> {
  const recent: string[] = [];
  return new Promise((resolve, reject) => {
    let listening = false;
    const fail = (reason: string) => {
      clearTimeout(timer);
      reject(new Error(`engram serve ${reason}; last output:\n${recent.join('\n')}`));
    };
    const timer = setTimeout(() => fail(`did not report server-listening within ${timeoutMs} ms`), timeoutMs);
    const onLine = (line: string) => {
      // Lines keep being read after start-up so a full pipe never blocks the server.
      if (listening) return onOutput?.(line);
      recent.push(line);
      if (recent.length > 20) recent.shift();
      const parsed = listeningSchema.safeParse(tryParseJson(line.trim()));
      if (!parsed.success) return;
      listening = true;
      clearTimeout(timer);
      resolve(parsed.data.url.replace(/\/+$/, ''));
    };
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', onLine);
    child.once('exit', (code, signal) => {
      if (!listening) fail(`exited (${signal ?? `code ${code}`}) before listening`);
    });
    child.once('error', (error) => fail(`could not start: ${error.message}`));
  });
}

/** Signals the whole process group: npx runs the server as its child. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Starts a private Engram server for a benchmark: creates one instance with
 * `npx engram instance create --json` and runs `npx engram serve --port 0`,
 * both with `ENGRAM_DATA_DIR` pointing at the data directory, then waits for
 * the `{"event":"server-listening","url":...}` log line. The server runs in its
 * own process group, stopped by {@link EngramServerHandle.stop} or, failing
 * that, when this process exits.
 */
export async function startEngramServer(options: StartEngramServerOptions = {}): Promise<EngramServerHandle> {
  const ownsDataDir = options.dataDir === undefined;
  const root = options.root ?? REPOSITORY_ROOT;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'engram-bench-')));
  const env: NodeJS.ProcessEnv = {
    ...BENCHMARK_LIMITS,
    ...process.env,
    ...options.env,
    ENGRAM_DATA_DIR: dataDir,
  };
  const removeDataDir = async () => {
    if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
  };
  let child: ChildProcess | undefined;
  const killOnExit = () => child && signalGroup(child, 'SIGKILL');
  try {
    const instance = options.instance
      ? {
          instance_id: options.instance.instanceId,
          client_id: options.instance.clientId,
          api_key: options.instance.apiKey,
        }
      : await createInstance(env, options.instanceName ?? 'bench', options.relationship ?? 'b2c', root);
    child = spawn('npx', ['engram', 'serve', '--port', '0'], {
      cwd: root,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    process.once('exit', killOnExit);
    const url = await waitForListening(child, options.startTimeoutMs ?? 120_000, options.onOutput);
    const running = child;
    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        const exited = new Promise<void>((resolve) => {
          if (running.exitCode !== null || running.signalCode !== null) resolve();
          else running.once('exit', () => resolve());
        });
        signalGroup(running, 'SIGTERM');
        const timer = setTimeout(() => signalGroup(running, 'SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
        process.removeListener('exit', killOnExit);
        await removeDataDir();
      })();
      return stopping;
    };
    return {
      url,
      apiKey: instance.api_key,
      instanceId: instance.instance_id,
      clientId: instance.client_id,
      dataDir,
      processGroup: running.pid as number,
      stop,
    };
  } catch (error) {
    killOnExit();
    process.removeListener('exit', killOnExit);
    await removeDataDir();
    throw error;
  }
}
