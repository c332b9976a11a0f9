import { ConfigError, type EngramConfig } from '@engram/core';
import type { Logger } from '../logger.js';
import { createModelAdapters, openStore } from './adapters.js';
import { prepareBackgroundWork, startBackgroundWork, stopBackgroundWork } from './background-work.js';
import { createEngramServices, type EngramServices } from './engram-services.js';
import { startWorkerHealth, type WorkerHealthServer } from './worker-health.js';

/** A running worker process (`engram worker`). */
export interface RunningWorker {
  services: EngramServices;
  /** The readiness endpoint, when `workerHealthPort` asked for one. */
  health: WorkerHealthServer | undefined;
  /** Stops claiming, waits for running jobs to end or be released, closes the store. Idempotent. */
  close(): Promise<void>;
}

/**
 * The worker role: the same services as a server over the configured store,
 * but no HTTP listener. It runs `workerConcurrency` jobs at once from the
 * shared queue, scheduled compaction, webhook deliveries and retention
 * sweeps, and, with `workerHealthPort`, answers `GET /health` on that
 * port (and nothing else); any number of workers and API nodes share one database
 * (docs/decisions/0041). Logs `worker-started`, which scripts wait for.
 * Throws ConfigError when `workerConcurrency` is 0 (a worker that runs
 * nothing is a mistake, not a role).
 */
export async function startWorker(config: EngramConfig, logger: Logger): Promise<RunningWorker> {
  if (config.workerConcurrency === 0) {
    throw new ConfigError(
      'setting "workerConcurrency" (ENGRAM_WORKER_CONCURRENCY): must be at least 1 for `engram worker`',
    );
  }
  // A worker ranks no fetches: it keeps no vector copy of its own.
  const store = await openStore(config, {
    role: 'primary',
    vectorCacheBytes: 0,
    backgroundCheckpoints: true,
  });
  try {
    const models = createModelAdapters(config, logger);
    const threads = await prepareBackgroundWork(config, models, logger);
    const services = createEngramServices({
      config,
      logger,
      store,
      models,
      collaborators: { analyze: threads.analyze },
    });
    startBackgroundWork(services);
    services.compactionScheduler.start();
    const health =
      config.workerHealthPort > 0
        ? await startWorkerHealth(config.host, config.workerHealthPort, store, services.workers)
        : undefined;
    logger.info('worker-started', {
      engine: store.capabilities.engine,
      concurrency: config.workerConcurrency,
      pid: process.pid,
      ...(health && { health_url: `${health.url}/health` }),
    });
    let closing: Promise<void> | undefined;
    return {
      services,
      health,
      close: () => {
        closing ??= (async () => {
          await health?.close();
          await services.compactionScheduler.stop();
          await stopBackgroundWork(services);
          await threads.close();
          // Last write of all: erased text out of the full-text index and the log.
          await services.erasure.flush();
          await store.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
