import { readFileSync } from 'node:fs';
import { stringify as toYaml } from 'yaml';
import { parseConfigText } from '../../admin/config-text.js';
import { configVersionBody } from '../../admin/wire-shapes.js';
import { commandConfig, parseCommandLine } from '../cli-options.js';
import { CliUsageError } from '../cli-usage-error.js';
import { withServices } from './open-services.js';

const USAGE =
  'usage: engram config get|set|history|rollback INSTANCE_ID [FILE|-|VERSION] [--author NAME] [--json]';

/**
 * `engram config get|set|history|rollback`: the versioned per-instance
 * configuration, on the data directory directly (a running server sees a
 * change within its two-second configuration cache).
 */
export async function runConfigCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(args, { author: { type: 'string' } });
  const [action, instanceId, argument] = positionals;
  if (!instanceId) throw new CliUsageError(USAGE);
  const config = commandConfig(values);
  const author = values.author ?? process.env.USER ?? 'cli';
  const print = (value: unknown) =>
    process.stdout.write(values.json ? `${JSON.stringify(value)}\n` : toYaml(value));
  if (action === 'get') {
    const current = await withServices(config, (services) => services.instanceConfig.current(instanceId));
    print(values.json ? configVersionBody(current) : current.document);
    if (!values.json) process.stderr.write(`# version ${current.version} by ${current.author}\n`);
    return 0;
  }
  if (action === 'set') {
    if (!argument) throw new CliUsageError('config set needs a FILE (JSON or YAML), or - for standard input');
    const text = readFileSync(argument === '-' ? 0 : argument, 'utf8');
    const stored = await withServices(config, (services) =>
      services.instanceConfig.set(instanceId, parseConfigText(text), author),
    );
    print(values.json ? configVersionBody(stored) : { version: stored.version, diff: stored.diff });
    return 0;
  }
  if (action === 'history') {
    const versions = await withServices(config, (services) => services.instanceConfig.history(instanceId));
    if (values.json) print(versions.map(configVersionBody));
    else
      for (const version of versions) {
        const changed = version.diff.map((change) => change.path).join(', ') || '(defaults)';
        const restored = version.rolledBackTo === undefined ? '' : ` (rollback to ${version.rolledBackTo})`;
        process.stdout.write(
          `${version.version}  ${version.createdAt}  ${version.author}${restored}  ${changed}\n`,
        );
      }
    return 0;
  }
  if (action === 'rollback') {
    if (!argument || !/^\d+$/.test(argument))
      throw new CliUsageError('config rollback needs a VERSION number');
    const stored = await withServices(config, (services) =>
      services.instanceConfig.rollback(instanceId, Number(argument), author),
    );
    print(
      values.json ? configVersionBody(stored) : { version: stored.version, rolled_back_to: Number(argument) },
    );
    return 0;
  }
  throw new CliUsageError(USAGE);
}
