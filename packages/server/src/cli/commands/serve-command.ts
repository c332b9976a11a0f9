import type { ConfigKey } from '@engram/core';
import { startServer } from '../../app/start-server.js';
import { createLogger } from '../../logger.js';
import { commandConfig, parseCommandLine } from '../cli-options.js';

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
  const flags = Object.keys(SERVE_FLAGS) as (keyof typeof SERVE_FLAGS)[];
  const { values } = parseCommandLine(
    args,
    Object.fromEntries(flags.map((flag) => [flag, { type: 'string' as const }])),
  );
  const settings: Partial<Record<ConfigKey, unknown>> = {};
  for (const flag of flags) {
    const value = values[flag];
    if (value !== undefined) settings[SERVE_FLAGS[flag]] = value;
  }
  const config = commandConfig(values, settings);
  const logger = createLogger(config.logLevel);
  const server = await startServer(config, logger);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info('server-stopping', { signal });
      void server.close().then(resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}
