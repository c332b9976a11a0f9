import type { EngramConfig } from '@engram/core';
import { SqliteEngramStore } from '@engram/store-sqlite';
import { createEngramServices, type EngramServices } from '../../app/engram-services.js';
import { databasePath } from '../../app/start-server.js';
import { createLogger } from '../../logger.js';

/** Opens the data directory's store for a one-shot command and closes it afterwards. */
export async function withServices<T>(
  config: EngramConfig,
  run: (services: EngramServices) => Promise<T>,
): Promise<T> {
  const store = SqliteEngramStore.open(databasePath(config.dataDir));
  try {
    return await run(
      createEngramServices({
        config,
        logger: createLogger('warn', (line) => process.stderr.write(line)),
        store,
      }),
    );
  } finally {
    await store.close();
  }
}
