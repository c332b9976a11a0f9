import { type AnalysisInput, type AnalysisResult, EngramError, type Logger } from '@engram/core';
import type { ExtractionReply, ExtractionThreadData } from './extraction-protocol.js';
import { threadEntryUrl } from './thread-entry-url.js';
import { WorkerThreadPool } from './worker-thread-pool.js';

/**
 * Rule-based extraction on worker threads: the main thread keeps serving
 * HTTP and writing to SQLite while other cores parse and extract. Requests
 * go to the least busy thread; a thread that dies fails its pending requests
 * (retryable, so the job is retried) and is replaced.
 */
export class ExtractionThreadPool {
  private readonly pool: WorkerThreadPool<ExtractionReply, AnalysisResult>;

  constructor(size: number, logger: Logger, threadData: ExtractionThreadData) {
    this.pool = new WorkerThreadPool({
      entry: threadEntryUrl(import.meta.url, 'extraction-thread'),
      workerData: threadData,
      size,
      logger,
      kind: 'extraction',
      closedMessage: 'extraction threads are shut down',
      stoppedMessage: 'an extraction thread stopped',
      settle: (reply) => {
        if (!reply.ok)
          throw new EngramError('INTERNAL', `extraction failed: ${reply.error}`, { retryable: false });
        return reply.embeddings
          ? { memories: reply.memories, embeddings: reply.embeddings }
          : { memories: reply.memories };
      },
    });
  }

  /** Parses and extracts one document on a worker thread. */
  analyze(input: AnalysisInput): Promise<AnalysisResult> {
    return this.pool.request({ input });
  }

  /** Terminates the threads; pending requests fail as retryable. */
  close(): Promise<void> {
    return this.pool.close();
  }
}
