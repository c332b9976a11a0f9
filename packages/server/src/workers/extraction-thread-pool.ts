import { Worker } from 'node:worker_threads';
import { type AnalysisInput, type AnalysisResult, EngramError, type Logger } from '@engram/core';
import type { ExtractionReply, ExtractionThreadData } from './extraction-protocol.js';

interface ThreadState {
  worker: Worker;
  pending: Map<number, { resolve: (result: AnalysisResult) => void; reject: (error: unknown) => void }>;
}

/**
 * Rule-based extraction on worker threads: the main thread keeps serving
 * HTTP and writing to SQLite while other cores parse and extract. Requests
 * go to the least busy thread; a thread that dies fails its pending requests
 * (retryable, so the job is retried) and is replaced.
 */
export class ExtractionThreadPool {
  private readonly threads: ThreadState[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly logger: Logger,
    private readonly threadData: ExtractionThreadData,
  ) {
    for (let index = 0; index < size; index += 1) this.threads.push(this.spawn());
  }

  /** Parses and extracts one document on a worker thread. */
  analyze(input: AnalysisInput): Promise<AnalysisResult> {
    if (this.closed)
      return Promise.reject(new EngramError('STORE_UNAVAILABLE', 'extraction threads are shut down'));
    const thread = this.threads.reduce((best, current) =>
      current.pending.size < best.pending.size ? current : best,
    );
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      // A thread with work keeps the process alive; an idle one does not (see spawn).
      thread.worker.ref();
      thread.worker.postMessage({ id, input });
    });
  }

  /** Terminates the threads; pending requests fail as retryable. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.threads.map((thread) => thread.worker.terminate()));
  }

  private spawn(): ThreadState {
    const worker = new Worker(new URL('./extraction-thread-entry.mjs', import.meta.url), {
      workerData: this.threadData,
    });
    const state: ThreadState = { worker, pending: new Map() };
    worker.on('message', (reply: ExtractionReply) => {
      const waiting = state.pending.get(reply.id);
      if (!waiting) return;
      state.pending.delete(reply.id);
      if (state.pending.size === 0) worker.unref();
      if (reply.ok)
        waiting.resolve(
          reply.embeddings
            ? { memories: reply.memories, embeddings: reply.embeddings }
            : { memories: reply.memories },
        );
      else
        waiting.reject(
          new EngramError('INTERNAL', `extraction failed: ${reply.error}`, { retryable: false }),
        );
    });
    worker.on('error', (error) => this.logger.error('extraction-thread-failed', { error: String(error) }));
    worker.on('exit', () => {
      for (const waiting of state.pending.values()) {
        waiting.reject(new EngramError('INTERNAL', 'an extraction thread stopped', { retryable: true }));
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
