import { openStore } from '../../app/adapters.js';
import { commandConfig, parseCommandLine, printResult } from '../cli-options.js';

/**
 * `engram migrate`: brings the configured store's schema up to date and
 * exits. Opening a store migrates it (under an advisory lock on PostgreSQL,
 * so it is safe beside running nodes); `serve` does the same at start, so
 * this is for deploy pipelines that migrate before rolling nodes.
 */
export async function runMigrateCommand(args: string[]): Promise<number> {
  const { values } = parseCommandLine(args, {});
  const config = commandConfig(values);
  const store = await openStore(config, { role: 'primary', vectorCacheBytes: 0 });
  try {
    await store.migrate();
    printResult({ engine: store.capabilities.engine, schema: 'up to date' }, values.json === true);
  } finally {
    await store.close();
  }
  return 0;
}
