import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { SqliteHandle } from './sqlite-database.js';

/** Settings of {@link WalCheckpointer}. */
export interface WalCheckpointOptions {
  /** Pause between two checkpoints (default 200 ms). */
  intervalMs?: number;
  /**
   * WAL file size above which a checkpoint is TRUNCATE instead of PASSIVE
   * (default 64 MiB): the brake for a WAL that PASSIVE never catches up with
   * (a writer that never pauses, a reader that never lets go). TRUNCATE holds
   * the write lock while it copies and waits for readers (at most
   * `busyTimeoutMs` each): the writer's grouped writes wait (they begin
   * IMMEDIATE), but a transaction elsewhere that reads before it writes fails
   * with SQLITE_BUSY (STORE_UNAVAILABLE, retryable). Hence only for that case.
   */
  truncateAboveBytes?: number;
  /** How long the checkpointer's connection waits on a lock (default 100 ms). */
  busyTimeoutMs?: number;
  /** WAL size the writer trims the file back to when it restarts the log (default 16 MiB). */
  journalSizeLimitBytes?: number;
}

/** What the checkpointer's thread reports. */
interface CheckpointerMessage {
  kind: 'checkpoint' | 'error';
  mode?: string;
  log?: number;
  checkpointed?: number;
  /** WAL file size after the checkpoint. */
  bytes?: number;
  message?: string;
}

/** What the checkpointer has done so far. */
export interface WalCheckpointStats {
  checkpoints: number;
  truncates: number;
  /** Catch-up checkpoints the writer ran itself, so that its next commit restarts the WAL. */
  writerCatchUps: number;
  /** Frames in the WAL and frames copied into the database, at the last checkpoint. */
  lastLogFrames: number;
  lastCheckpointedFrames: number;
  errors: number;
  lastError?: string;
}

// Plain CommonJS evaluated in the worker, so the same code runs from the
// TypeScript sources (tests, where a worker has no tsx loader) and from dist.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { statSync } = require('node:fs');
const Database = require(workerData.driver);
const database = new Database(workerData.path, { fileMustExist: true });
database.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
let stopped = false;
let timer;
function walBytes() {
  try { return statSync(workerData.path + '-wal').size; } catch { return 0; }
}
function run(mode) {
  const row = database.pragma('wal_checkpoint(' + mode + ')')[0];
  parentPort.postMessage({ kind: 'checkpoint', mode, log: row.log, checkpointed: row.checkpointed, bytes: walBytes() });
  return row;
}
function checkpoint() {
  if (stopped) return;
  try {
    const size = walBytes();
    if (size > workerData.truncateAboveBytes) run('TRUNCATE');
    else run('PASSIVE');
  } catch (error) {
    parentPort.postMessage({ kind: 'error', message: String(error && error.message) });
  }
  timer = setTimeout(checkpoint, workerData.intervalMs);
}
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  stopped = true;
  clearTimeout(timer);
  database.close();
  parentPort.close();
});
timer = setTimeout(checkpoint, workerData.intervalMs);
`;

/**
 * Checkpoints a WAL database from a worker thread with its own connection,
 * off the request path: the writer's `wal_autocheckpoint` is turned off, so
 * no commit ever stops to copy pages into the main file and fsync it (what
 * made a long write run stall every thousand pages). The worker runs a
 * PASSIVE checkpoint every `intervalMs`, which never waits on and never
 * blocks the writer; once a checkpoint has caught up, the writer's next
 * transaction restarts the WAL from its beginning and trims the file to
 * `journal_size_limit`, so the WAL stays bounded. Durability is unchanged:
 * a commit is in the WAL before it is acknowledged, checkpointed or not.
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private readonly current: WalCheckpointStats = {
    checkpoints: 0,
    truncates: 0,
    writerCatchUps: 0,
    lastLogFrames: 0,
    lastCheckpointedFrames: 0,
    errors: 0,
  };

  private lastCatchUp = 0;

  private constructor(
    worker: Worker,
    private readonly database: SqliteHandle,
    private readonly journalSizeLimitBytes: number,
  ) {
    this.worker = worker;
    this.exited = new Promise((resolve) => {
      worker.once('exit', () => resolve());
    });
    worker.on('message', (message: CheckpointerMessage) => {
      if (message.kind === 'checkpoint') {
        this.current.checkpoints += 1;
        if (message.mode === 'TRUNCATE') this.current.truncates += 1;
        this.current.lastLogFrames = message.log ?? 0;
        this.current.lastCheckpointedFrames = message.checkpointed ?? 0;
        if (message.log === message.checkpointed && (message.bytes ?? 0) > this.journalSizeLimitBytes)
          this.scheduleCatchUp();
      } else {
        this.current.errors += 1;
        if (message.message !== undefined) this.current.lastError = message.message;
      }
    });
    // A failing checkpointer must not take the server down; the WAL then just grows.
    worker.on('error', (error) => {
      this.current.errors += 1;
      this.current.lastError = error.message;
    });
    // Never what keeps a process alive.
    worker.unref();
  }

  /**
   * Turns automatic checkpoints off on `database` (the writer at `path`) and
   * starts the worker. `path` must be a file (WAL needs one), not `:memory:`.
   */
  static start(database: SqliteHandle, path: string, options: WalCheckpointOptions = {}): WalCheckpointer {
    database.pragma('wal_autocheckpoint = 0');
    const journalSizeLimitBytes = Math.floor(options.journalSizeLimitBytes ?? 16 * 2 ** 20);
    database.pragma(`journal_size_limit = ${journalSizeLimitBytes}`);
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        path,
        intervalMs: options.intervalMs ?? 200,
        truncateAboveBytes: options.truncateAboveBytes ?? 64 * 2 ** 20,
        busyTimeoutMs: options.busyTimeoutMs ?? 100,
        journalSizeLimitBytes,
      },
    });
    return new WalCheckpointer(worker, database, journalSizeLimitBytes);
  }

  /**
   * Under a writer that never pauses, a checkpoint that caught up is almost
   * always overtaken by the next commit before the writer could restart the
   * log, and the WAL grows. So once the thread's checkpoint caught up with a
   * WAL past its size limit, the writer itself, between two turns, copies
   * the few frames committed since: nothing else writes, so it ends caught up
   * and its next transaction restarts the WAL and trims the file. At most once
   * a second; PASSIVE never waits (busy: it tries again after the next report).
   */
  private scheduleCatchUp(): void {
    const now = Date.now();
    if (now - this.lastCatchUp < 1_000) return;
    this.lastCatchUp = now;
    setImmediate(() => {
      if (!this.database.open) return;
      try {
        this.database.pragma('wal_checkpoint(PASSIVE)');
        this.current.writerCatchUps += 1;
      } catch (error) {
        this.current.errors += 1;
        this.current.lastError = error instanceof Error ? error.message : String(error);
      }
    });
  }

  /** A copy of the counters. */
  stats(): WalCheckpointStats {
    return { ...this.current };
  }

  /** Stops the worker and closes its connection; resolves once it has exited. Idempotent. */
  async stop(): Promise<void> {
    this.worker.postMessage('stop');
    // A worker that does not exit on its own in time is terminated.
    const timer = setTimeout(() => void this.worker.terminate(), 2_000);
    await this.exited;
    clearTimeout(timer);
  }
}
