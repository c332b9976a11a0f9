import { Worker } from 'node:worker_threads';
import {
  EngramError,
  type ErrorCode,
  type FetchTarget,
  type Logger,
  type MemoryRetrieval,
  type RankedLists,
} from '@engram/core';
import type { FetchRequest } from '@engram/protocol';
import type { RetrievalReply, RetrievalThreadData } from './retrieval-protocol.js';

interface ThreadState {
  worker: Worker;
  pending: Map<number, { resolve: (lists: RankedLists) => void; reject: (error: unknown) => void }>;
}

/**
 * {@link MemoryRetrieval} on worker threads, each with its own SQLite
 * connection and embedder: the main thread keeps parsing HTTP and writing
 * while other cores rank. A fetch goes to the thread with the fewest in
 * flight; a thread that dies fails its pending fetches (retryable) and is
 * replaced. The caller's abort signal is not forwarded: a fetch already on a
 * thread runs to the end (a few milliseconds) and its answer is dropped.
 */
export class RetrievalThreadPool implements MemoryRetrieval {
  private readonly threads: ThreadState[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    size: number,
    private readonly logger: Logger,
    private readonly threadData: RetrievalThreadData,
  ) {
    for (let index = 0; index < size; index += 1) this.threads.push(this.spawn());
  }

  retrieve(target: FetchTarget, request: FetchRequest): Promise<RankedLists> {
    if (this.closed)
      return Promise.reject(new EngramError('STORE_UNAVAILABLE', 'retrieval threads are shut down'));
    const thread = this.threads.reduce((best, current) =>
      current.pending.size < best.pending.size ? current : best,
    );
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      thread.worker.ref();
      thread.worker.postMessage({ id, target, request });
    });
  }

  /** Terminates the threads; pending fetches fail as retryable. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.threads.map((thread) => thread.worker.terminate()));
  }

  private spawn(): ThreadState {
    const worker = new Worker(new URL('./retrieval-thread-entry.mjs', import.meta.url), {
      workerData: this.threadData,
    });
    const state: ThreadState = { worker, pending: new Map() };
    worker.on('message', (reply: RetrievalReply) => {
      const waiting = state.pending.get(reply.id);
      if (!waiting) return;
      state.pending.delete(reply.id);
      if (state.pending.size === 0) worker.unref();
      if (reply.ok) waiting.resolve(reply.lists);
      else
        waiting.reject(
          new EngramError(reply.code as ErrorCode, reply.message, { retryable: reply.retryable }),
        );
    });
    worker.on('error', (error) => this.logger.error('retrieval-thread-failed', { error: String(error) }));
    worker.on('exit', () => {
      for (const waiting of state.pending.values()) {
        waiting.reject(new EngramError('INTERNAL', 'a retrieval thread stopped', { retryable: true }));
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
