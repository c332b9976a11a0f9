import type { EngramConfig } from '@engram/core';
import { createModelAdapters, openStore } from '../../app/adapters.js';
import { createEngramServices, type EngramServices } from '../../app/engram-services.js';
import { vectorCacheBytesOf } from '../../app/vector-cache-warmup.js';
import { createLogger } from '../../logger.js';

/** Opens the configured store for a one-shot command and closes it afterwards. */
export async function withServices<T>(
  config: EngramConfig,
  run: (services: EngramServices) => Promise<T>,
): Promise<T> {
  const logger = createLogger('warn', (line) => process.stderr.write(line));
  const store = await openStore(config, { role: 'primary', vectorCacheBytes: vectorCacheBytesOf(config) });
  try {
    return await run(
      createEngramServices({ config, logger, store, models: createModelAdapters(config, logger) }),
    );
  } finally {
    await store.close();
  }
}
