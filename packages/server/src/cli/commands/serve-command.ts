import type { ConfigKey } from '@engram/core';
import { startServer } from '../../app/start-server.js';
import { createLogger } from '../../logger.js';
import { configFromSettingFlags } from '../cli-options.js';
import { untilStopSignal } from '../until-stop-signal.js';

/** `engram serve` flags and the setting each one sets (flags win over the environment and the file). */
const SERVE_FLAGS = {
  host: 'host',
  port: 'port',
  'log-level': 'logLevel',
  'max-connections': 'maxConnections',
  'headers-timeout-ms': 'headersTimeoutMs',
  'request-timeout-ms': 'requestTimeoutMs',
} as const satisfies Record<string, ConfigKey>;

/** `engram serve`: runs until SIGINT/SIGTERM, then drains and closes the store. */
export async function runServeCommand(args: string[]): Promise<number> {
  const config = configFromSettingFlags(args, SERVE_FLAGS);
  const logger = createLogger(config.logLevel);
  const server = await startServer(config, logger);
  await untilStopSignal(async (signal) => {
    logger.info('server-stopping', { signal });
    await server.close();
  });
  return 0;
}
