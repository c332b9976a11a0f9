import { ConfigError, isEngramError } from '@engram/core';
import { CliUsageError } from './cli-usage-error.js';
import { runExportCommand, runImportCommand } from './commands/archive-commands.js';
import { runConfigCommand } from './commands/config-command.js';
import { runEraseCommand } from './commands/erase-command.js';
import { runInstanceCommand } from './commands/instance-command.js';
import { runKeysCommand } from './commands/keys-command.js';
import { runMcpCommand } from './commands/mcp-command.js';
import { runMigrateCommand } from './commands/migrate-command.js';
import { runServeCommand } from './commands/serve-command.js';
import { runWorkerCommand } from './commands/worker-command.js';

const HELP = `engram: long-term memory for AI agents (Synap wire protocol)

Usage:
  engram serve [--host H] [--port P] [--data-dir DIR] [--log-level LEVEL] [--config FILE]
               [--max-connections N] [--headers-timeout-ms MS] [--request-timeout-ms MS]
      ENGRAM_WORKER_CONCURRENCY=0: an API-only node (background jobs left to workers)
  engram worker [--concurrency N] [--health-port PORT] [--data-dir DIR] [--log-level LEVEL] [--config FILE]
      runs background jobs (ingestion, compaction, webhooks) with no HTTP listener
      (--health-port: only GET /health, readiness);
      any number of workers and API nodes share one database; stops on SIGTERM
  engram instance create --name NAME --relationship b2c|b2b [--client CLIENT_ID] [--json]
  engram instance list [--json]
  engram instance configure INSTANCE_ID [--compaction-threshold-tokens N|default]
               [--rate-limit-per-second N|default] [--rate-limit-burst N|default] [--json]
  engram keys create --instance INSTANCE_ID [--json]
  engram keys list --instance INSTANCE_ID [--json]
  engram keys revoke KEY_PREFIX
  engram keys bootstrap-token --instance INSTANCE_ID [--ttl-minutes N] [--json]
      a one-time token that POST /api/v1/keys/bootstrap exchanges for an API key
  engram erase --instance INSTANCE_ID (--document ID | --user ID [--customer ID] | --customer ID) [--json]
  engram config get|history INSTANCE_ID [--json]
  engram config set INSTANCE_ID FILE|- [--author NAME] [--json]     (JSON or YAML)
  engram config rollback INSTANCE_ID VERSION [--author NAME] [--json]
  engram export --instance INSTANCE_ID [--user USER_ID] > FILE.jsonl
  engram import FILE.jsonl|- [--instance INSTANCE_ID] [--author NAME] [--json]
  engram migrate [--json]   bring the store's schema up to date (also done by serve at start)
  engram mcp [--url URL]   MCP over stdio (key in ENGRAM_API_KEY or SYNAP_API_KEY;
                           URL from ENGRAM_URL or SYNAP_API_URL, default http://127.0.0.1:8787)

Every command honours ENGRAM_DATA_DIR (default ./.engram) and --data-dir, or
ENGRAM_DATABASE_URL=postgres://… to use PostgreSQL instead of the SQLite file.
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return runServeCommand(rest);
    case 'worker':
      return runWorkerCommand(rest);
    case 'instance':
      return runInstanceCommand(rest);
    case 'keys':
      return runKeysCommand(rest);
    case 'erase':
      return runEraseCommand(rest);
    case 'config':
      return runConfigCommand(rest);
    case 'export':
      return runExportCommand(rest);
    case 'import':
      return runImportCommand(rest);
    case 'mcp':
      return runMcpCommand(rest);
    case 'migrate':
      return runMigrateCommand(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(HELP);
      return 0;
    default:
      throw new CliUsageError(`unknown command "${command}"`);
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof CliUsageError) {
    process.stderr.write(`engram: ${error.message}\n\n${HELP}`);
    process.exitCode = 2;
  } else if (error instanceof ConfigError || isEngramError(error)) {
    process.stderr.write(`engram: ${error.message}\n`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
