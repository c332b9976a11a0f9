import { startServer } from '../../app/start-server.js';
import { createLogger } from '../../logger.js';
import { commandConfig, parseCommandLine } from '../cli-options.js';

/** `engram serve`: runs until SIGINT/SIGTERM, then drains and closes the store. */
export async function runServeCommand(args: string[]): Promise<number> {
  const { values } = parseCommandLine(args, {
    host: { type: 'string' },
    port: { type: 'string' },
    'log-level': { type: 'string' },
  });
  const config = commandConfig(values, {
    ...(values.host !== undefined && { host: values.host }),
    ...(values.port !== undefined && { port: values.port }),
    ...(values['log-level'] !== undefined && { logLevel: values['log-level'] }),
  });
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
