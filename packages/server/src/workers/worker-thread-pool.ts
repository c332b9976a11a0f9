import { Worker } from 'node:worker_threads';
import { EngramError, type Logger } from '@engram/core';

/** How a pool names itself in errors and logs, and reads its threads' replies. */
export interface WorkerThreadPoolOptions<Reply extends { id: number }, Result> {
  /** The thread's entry module. */
  entry: URL;
  workerData: unknown;
  size: number;
  logger: Logger;
  /** Logged as `<kind>-thread-failed` when a thread throws outside a request. */
  kind: string;
  /** Rejects requests after close. */
  closedMessage: string;
  /** Rejects (retryable) the requests of a thread that stopped. */
  stoppedMessage: string;
  /** The caller's result from a thread's reply; throws the caller's error for a failure reply. */
  settle(reply: Reply): Result;
}

interface ThreadState<Result> {
  worker: Worker;
  pending: Map<number, { resolve: (result: Result) => void; reject: (error: unknown) => void }>;
}

/**
 * Request/reply over worker threads: each request goes to the thread with the
 * fewest in flight, tagged with an id its reply carries back. A thread that
 * dies fails its pending requests (retryable) and is replaced; idle threads
 * never keep the process alive. After `close()` requests fail at once.
 */
export class WorkerThreadPool<Reply extends { id: number }, Result> {
  private readonly threads: ThreadState<Result>[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: WorkerThreadPoolOptions<Reply, Result>) {
    for (let index = 0; index < options.size; index += 1) this.threads.push(this.spawn());
  }

  /** Posts `{ id, ...message }` to the least busy thread; settles with its reply. */
  request(message: Record<string, unknown>): Promise<Result> {
    if (this.closed) return Promise.reject(new EngramError('STORE_UNAVAILABLE', this.options.closedMessage));
    const thread = this.threads.reduce((best, current) =>
      current.pending.size < best.pending.size ? current : best,
    );
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      // A thread with work keeps the process alive; an idle one does not (see spawn).
      thread.worker.ref();
      thread.worker.postMessage({ id, ...message });
    });
  }

  /** Terminates the threads; pending requests fail as retryable. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.threads.map((thread) => thread.worker.terminate()));
  }

  private spawn(): ThreadState<Result> {
    const { entry, workerData, logger, kind, stoppedMessage, settle } = this.options;
    const worker = new Worker(entry, { workerData });
    const state: ThreadState<Result> = { worker, pending: new Map() };
    worker.on('message', (reply: Reply) => {
      const waiting = state.pending.get(reply.id);
      if (!waiting) return;
      state.pending.delete(reply.id);
      if (state.pending.size === 0) worker.unref();
      try {
        waiting.resolve(settle(reply));
      } catch (error) {
        waiting.reject(error);
      }
    });
    worker.on('error', (error) => logger.error(`${kind}-thread-failed`, { error: String(error) }));
    worker.on('exit', () => {
      for (const waiting of state.pending.values()) {
        waiting.reject(new EngramError('INTERNAL', stoppedMessage, { retryable: true }));
      }
      state.pending.clear();
      if (this.closed) return;
      const index = this.threads.indexOf(state);
      if (index >= 0) this.threads[index] = this.spawn();
    });
    // Idle threads must not keep the process alive.
    worker.unref();
    return state;
  }
}
