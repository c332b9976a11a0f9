import { type AnalysisInput, type AnalysisResult, EngramError, type Logger } from '@engram/core';
import type { ExtractionReply, ExtractionThreadData } from './extraction-protocol.js';
import { threadEntryUrl } from './thread-entry-url.js';
import { WorkerThreadPool } from './worker-thread-pool.js';

/**
 * Rule-based extraction on worker threads: the main thread keeps serving
 * HTTP and writing to SQLite while other cores parse and extract. Requests
 * go to the least busy thread; a thread that dies fails its pending requests
 * (retryable, so the job is retried) and is replaced.
 *
 * The threads start on the first request, not with the pool: an idle server
 * (nothing ingested yet, or an API-only workload) never pays a thread's
 * memory (its own V8 heap and the extraction libraries, about 150 MB) or its
 * start-up CPU. The first document waits for them once (a fraction of a
 * second: the embedder's tables are shared, not loaded again).
 */
export class ExtractionThreadPool {
  private pool: WorkerThreadPool<ExtractionReply, AnalysisResult> | undefined;
  private starting: Promise<WorkerThreadPool<ExtractionReply, AnalysisResult>> | undefined;
  private closed = false;

  /** `threadData` is asked for once, on the first request (a failure is asked again on the next). */
  constructor(
    private readonly size: number,
    private readonly logger: Logger,
    private readonly threadData: () => Promise<ExtractionThreadData>,
  ) {}

  /** Parses and extracts one document on a worker thread. */
  async analyze(input: AnalysisInput): Promise<AnalysisResult> {
    const pool = this.pool ?? (await this.start());
    return pool.request({ input });
  }

  /** Terminates the threads (if they started); pending requests fail as retryable. */
  async close(): Promise<void> {
    this.closed = true;
    await this.starting?.catch(() => undefined);
    await this.pool?.close();
  }

  private start(): Promise<WorkerThreadPool<ExtractionReply, AnalysisResult>> {
    this.starting ??= this.threadData().then(
      (workerData) => {
        if (this.closed) throw new EngramError('STORE_UNAVAILABLE', 'extraction threads are shut down');
        this.pool = new WorkerThreadPool({
          entry: threadEntryUrl(import.meta.url, 'extraction-thread'),
          workerData,
          size: this.size,
          logger: this.logger,
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
        return this.pool;
      },
      (error: unknown) => {
        this.starting = undefined;
        throw error;
      },
    );
    return this.starting;
  }
}
