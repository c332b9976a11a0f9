import type { ConfigKey } from '@engram/core';
import { startWorker } from '../../app/start-worker.js';
import { createLogger } from '../../logger.js';
import { configFromSettingFlags } from '../cli-options.js';
import { untilStopSignal } from '../until-stop-signal.js';

/** `engram worker` flags and the setting each one sets (flags win over the environment and the file). */
const WORKER_FLAGS = {
  concurrency: 'workerConcurrency',
  'health-port': 'workerHealthPort',
  'log-level': 'logLevel',
} as const satisfies Record<string, ConfigKey>;

/**
 * `engram worker`: runs background jobs from the shared queue, with no HTTP
 * listener, until SIGINT/SIGTERM; then it stops claiming, lets running jobs
 * end or releases them, closes the store and exits 0.
 */
export async function runWorkerCommand(args: string[]): Promise<number> {
  const config = configFromSettingFlags(args, WORKER_FLAGS);
  const logger = createLogger(config.logLevel);
  const worker = await startWorker(config, logger);
  await untilStopSignal(async (signal) => {
    logger.info('worker-stopping', { signal });
    await worker.close();
    logger.info('worker-stopped', {});
  });
  return 0;
}
