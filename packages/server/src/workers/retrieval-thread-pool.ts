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
import { threadEntryUrl } from './thread-entry-url.js';
import { WorkerThreadPool } from './worker-thread-pool.js';

/**
 * {@link MemoryRetrieval} on worker threads, each with its own SQLite
 * connection and embedder: the main thread keeps parsing HTTP and writing
 * while other cores rank. A fetch goes to the thread with the fewest in
 * flight; a thread that dies fails its pending fetches (retryable) and is
 * replaced. The caller's abort signal is not forwarded: a fetch already on a
 * thread runs to the end (a few milliseconds) and its answer is dropped.
 */
export class RetrievalThreadPool implements MemoryRetrieval {
  private readonly pool: WorkerThreadPool<RetrievalReply, RankedLists>;

  constructor(size: number, logger: Logger, threadData: RetrievalThreadData) {
    this.pool = new WorkerThreadPool({
      entry: threadEntryUrl(import.meta.url, 'retrieval-thread'),
      workerData: threadData,
      size,
      logger,
      kind: 'retrieval',
      closedMessage: 'retrieval threads are shut down',
      stoppedMessage: 'a retrieval thread stopped',
      settle: (reply) => {
        if (!reply.ok)
          throw new EngramError(reply.code as ErrorCode, reply.message, { retryable: reply.retryable });
        return reply.lists;
      },
    });
  }

  retrieve(target: FetchTarget, request: FetchRequest): Promise<RankedLists> {
    return this.pool.request({ target, request });
  }

  /** Terminates the threads; pending fetches fail as retryable. */
  close(): Promise<void> {
    return this.pool.close();
  }
}
