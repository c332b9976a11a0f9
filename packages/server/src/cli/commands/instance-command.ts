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
    'rate-limit-per-second': { type: 'string' },
    'rate-limit-burst': { type: 'string' },
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
    const rate = values['rate-limit-per-second'];
    const burst = values['rate-limit-burst'];
    if (threshold === undefined && rate === undefined && burst === undefined) {
      throw new CliUsageError(
        'instance configure needs --compaction-threshold-tokens N (0 disables, "default" resets), ' +
          '--rate-limit-per-second N or --rate-limit-burst N ("default" resets)',
      );
    }
    const result: Record<string, unknown> = { instance_id: instanceId };
    await withServices(config, async (services) => {
      if (threshold !== undefined) {
        const effective = await services.compactionSettings.setThresholdTokens(
          instanceId,
          parseSetting(threshold, '--compaction-threshold-tokens', /^\d+$/),
        );
        result.compaction_threshold_tokens = effective.thresholdTokens;
        result.source = effective.overridden ? 'instance' : 'server default';
      }
      if (rate !== undefined || burst !== undefined) {
        const limit = await services.limiter.setInstanceLimit(instanceId, {
          ...(rate !== undefined && {
            perSecond: parseSetting(rate, '--rate-limit-per-second', /^\d+(\.\d+)?$/),
          }),
          ...(burst !== undefined && { burst: parseSetting(burst, '--rate-limit-burst', /^\d+$/) }),
        });
        result.rate_limit_per_second = limit.perSecond;
        result.rate_limit_burst = limit.burst;
        result.rate_limit_source = limit.overridden ? 'instance' : 'server default';
      }
    });
    printResult(result, values.json === true);
    return 0;
  }
  throw new CliUsageError('usage: engram instance create|list|configure');
}

/** `default` clears the override; otherwise a number of the given shape (range checked by the service). */
function parseSetting(value: string, flag: string, shape: RegExp): number | null {
  if (value === 'default') return null;
  if (!shape.test(value)) throw new CliUsageError(`${flag} must be a number or "default"`);
  return Number(value);
}
