import { commandConfig, parseCommandLine, printResult } from '../cli-options.js';
import { CliUsageError } from '../cli-usage-error.js';
import { withServices } from './open-services.js';

/** `engram keys create|list|revoke|bootstrap-token`. */
export async function runKeysCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(args, {
    instance: { type: 'string' },
    'ttl-minutes': { type: 'string' },
  });
  const config = commandConfig(values);
  const [action, target] = positionals;
  if (action === 'create') {
    if (!values.instance) throw new CliUsageError('keys create needs --instance INSTANCE_ID');
    const created = await withServices(config, (services) =>
      services.tenancy.createApiKey(values.instance as string),
    );
    printResult({ ...created }, values.json === true);
    return 0;
  }
  if (action === 'list') {
    if (!values.instance) throw new CliUsageError('keys list needs --instance INSTANCE_ID');
    const keys = await withServices(config, (services) =>
      services.store.tenancy.listApiKeys(values.instance as string),
    );
    const rows = keys.map((key) => ({
      key_prefix: key.prefix,
      created_at: key.createdAt,
      revoked_at: key.revokedAt,
    }));
    if (values.json) process.stdout.write(`${JSON.stringify(rows)}\n`);
    else
      for (const row of rows)
        process.stdout.write(`${row.key_prefix}  ${row.created_at}  ${row.revoked_at ?? 'live'}\n`);
    return 0;
  }
  if (action === 'revoke') {
    if (!target) throw new CliUsageError('keys revoke needs a KEY_PREFIX');
    const revoked = await withServices(config, (services) => services.tenancy.revokeApiKey(target));
    printResult({ revoked }, values.json === true);
    return revoked > 0 ? 0 : 1;
  }
  if (action === 'bootstrap-token') {
    if (!values.instance) throw new CliUsageError('keys bootstrap-token needs --instance INSTANCE_ID');
    const ttl = values['ttl-minutes'];
    const ttlMinutes = ttl === undefined ? undefined : Number(ttl);
    if (ttlMinutes !== undefined && !Number.isInteger(ttlMinutes)) {
      throw new CliUsageError('--ttl-minutes takes a whole number of minutes');
    }
    const created = await withServices(config, (services) =>
      services.tenancy.createBootstrapToken(values.instance as string, ttlMinutes),
    );
    printResult({ ...created }, values.json === true);
    return 0;
  }
  throw new CliUsageError('usage: engram keys create|list|revoke|bootstrap-token');
}
