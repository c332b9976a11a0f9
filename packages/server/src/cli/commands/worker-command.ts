import type { ConfigKey } from '@engram/core';
import { startWorker } from '../../app/start-worker.js';
import { createLogger } from '../../logger.js';
import { commandConfig, parseCommandLine } from '../cli-options.js';

/** `engram worker` flags and the setting each one sets (flags win over the environment and the file). */
const WORKER_FLAGS = {
  concurrency: 'workerConcurrency',
  'log-level': 'logLevel',
} as const satisfies Record<string, ConfigKey>;

/**
 * `engram worker`: runs background jobs from the shared queue, with no HTTP
 * listener, until SIGINT/SIGTERM; then it stops claiming, lets running jobs
 * end or releases them, closes the store and exits 0.
 */
export async function runWorkerCommand(args: string[]): Promise<number> {
  const flags = Object.keys(WORKER_FLAGS) as (keyof typeof WORKER_FLAGS)[];
  const { values } = parseCommandLine(
    args,
    Object.fromEntries(flags.map((flag) => [flag, { type: 'string' as const }])),
  );
  const settings: Partial<Record<ConfigKey, unknown>> = {};
  for (const flag of flags) {
    const value = values[flag];
    if (value !== undefined) settings[WORKER_FLAGS[flag]] = value;
  }
  const config = commandConfig(values, settings);
  const logger = createLogger(config.logLevel);
  const worker = await startWorker(config, logger);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info('worker-stopping', { signal });
      void worker.close().then(() => {
        logger.info('worker-stopped', {});
        resolve();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}
