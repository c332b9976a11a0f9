import type { EngramConfig } from '@engram/core';
import type { GloveEmbeddingModel } from '@engram/embedder-glove';
import type { Logger } from '../logger.js';
import { ExtractionThreadPool } from '../workers/extraction-thread-pool.js';
import { extractorRunsOnThreads, type ModelAdapters } from './adapters.js';
import type { EngramServices, OffloadedAnalysis } from './engram-services.js';

/** What a process that runs background jobs builds before its services. */
export interface BackgroundWorkThreads {
  /** Where rule-based extraction runs, when it runs on threads; undefined: in process. */
  analyze: OffloadedAnalysis | undefined;
  /** Ends the extraction threads. Idempotent. */
  close(): Promise<void>;
}

/**
 * Starts loading the embedder in the background (the process answers
 * meanwhile: /health and every route that embeds nothing at once; the first
 * embedding waits for the load) and prepares the extraction threads when
 * extraction runs on them. The threads start on the first document, not here
 * (an idle process holds no thread), and embed over the main thread's GloVe
 * tables when the embedder is GloVe (shared memory, one copy per process;
 * decision 0045). For processes whose `workerConcurrency` is above 0:
 * `serve` nodes that also work, and `engram worker`.
 */
export async function prepareBackgroundWork(
  config: EngramConfig,
  models: ModelAdapters,
  logger: Logger,
): Promise<BackgroundWorkThreads> {
  models.embedder().catch((error: unknown) => logger.error('embedder-load-failed', { error: String(error) }));
  if (config.extractionThreads === 0 || !extractorRunsOnThreads(config)) {
    return { analyze: undefined, close: async () => {} };
  }
  // The threads embed too when the embedder can on their thread (same model, same vectors).
  const pool = new ExtractionThreadPool(config.extractionThreads, logger, async () => {
    const embedder = await models.embedder();
    const glove = (embedder as Partial<GloveEmbeddingModel>).sharedTables;
    return { config, embed: embedder.embedSync !== undefined, ...(glove ? { glove } : {}) };
  });
  return { analyze: (input) => pool.analyze(input), close: () => pool.close() };
}

/**
 * Starts what only processes that run background jobs run: the workers over
 * the shared queue, pruning of finished jobs, webhook deliveries and
 * retention sweeps.
 */
export function startBackgroundWork(services: EngramServices): void {
  services.workers.start();
  services.jobPruner.start();
  services.webhookDispatcher.start();
  services.retention.start();
}

/**
 * Stops {@link startBackgroundWork}'s loops: sweeps and deliveries first,
 * then the workers, which stop claiming, abort their running jobs' signals
 * and wait for them (a job stopped half-way is released, not lost).
 */
export async function stopBackgroundWork(services: EngramServices): Promise<void> {
  await services.retention.stop();
  await services.jobPruner.stop();
  await services.webhookDispatcher.stop();
  await services.workers.stop();
}
