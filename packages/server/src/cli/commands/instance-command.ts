import { commandConfig, parseCommandLine, printResult } from '../cli-options.js';
import { CliUsageError } from '../cli-usage-error.js';
import { withServices } from './open-services.js';

/** `engram instance create|list|configure`. */
export async function runInstanceCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(args, {
    name: { type: 'string' },
    relationship: { type: 'string' },
    client: { type: 'string' },
    'compaction-threshold-tokens': { type: 'string' },
  });
  const config = commandConfig(values);
  const action = positionals[0];
  if (action === 'create') {
    if (!values.name) throw new CliUsageError('instance create needs --name NAME');
    const relationship = values.relationship ?? 'b2c';
    if (relationship !== 'b2c' && relationship !== 'b2b') {
      throw new CliUsageError('--relationship must be b2c or b2b');
    }
    const created = await withServices(config, (services) =>
      services.tenancy.createInstance({ name: values.name as string, relationship, clientId: values.client }),
    );
    printResult(
      values.json
        ? { client_id: created.client_id, instance_id: created.instance_id, api_key: created.api_key }
        : { ...created, note: 'the api_key is shown only once' },
      values.json === true,
    );
    return 0;
  }
  if (action === 'list') {
    const instances = await withServices(config, (services) => services.tenancy.listInstances());
    if (values.json) process.stdout.write(`${JSON.stringify(instances)}\n`);
    else
      for (const i of instances)
        process.stdout.write(`${i.instanceId}  ${i.relationship}  ${i.clientId}  ${i.name}\n`);
    return 0;
  }
  if (action === 'configure') {
    const instanceId = positionals[1];
    if (!instanceId) throw new CliUsageError('instance configure needs INSTANCE_ID');
    const threshold = values['compaction-threshold-tokens'];
    if (threshold === undefined) {
      throw new CliUsageError(
        'instance configure needs --compaction-threshold-tokens N (0 disables, "default" resets)',
      );
    }
    const tokens = parseThreshold(threshold);
    const effective = await withServices(config, (services) =>
      services.compactionSettings.setThresholdTokens(instanceId, tokens),
    );
    printResult(
      {
        instance_id: instanceId,
        compaction_threshold_tokens: effective.thresholdTokens,
        source: effective.overridden ? 'instance' : 'server default',
      },
      values.json === true,
    );
    return 0;
  }
  throw new CliUsageError('usage: engram instance create|list|configure');
}

/** `default` clears the override; otherwise a whole number of tokens (range checked by the service). */
function parseThreshold(value: string): number | null {
  if (value === 'default') return null;
  if (!/^\d+$/.test(value)) {
    throw new CliUsageError('--compaction-threshold-tokens must be a whole number of tokens or "default"');
  }
  return Number(value);
}
