import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { ConfigKey, EngramConfig } from '@engram/core';
import { loadConfig } from '../config/load-config.js';
import { CliUsageError } from './cli-usage-error.js';

/** Options every command accepts. */
export const COMMON_OPTIONS = {
  'data-dir': { type: 'string' },
  config: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

/** What `parseCommandLine` returns: spelled out because declaration files must name it. */
export type ParsedCommandLine<Options extends NonNullable<ParseArgsConfig['options']>> = ReturnType<
  typeof parseArgs<{
    args: string[];
    options: typeof COMMON_OPTIONS & Options;
    allowPositionals: true;
    strict: true;
  }>
>;

/** `parseArgs` that reports mistakes as usage errors instead of stack traces. */
export function parseCommandLine<Options extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: Options,
): ParsedCommandLine<Options> {
  try {
    return parseArgs({
      args,
      options: { ...COMMON_OPTIONS, ...options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
}

/** Configuration for a command: `--data-dir`/`--config` over the environment. */
export function commandConfig(
  values: { 'data-dir'?: string | boolean; config?: string | boolean },
  extra: Partial<Record<keyof EngramConfig, unknown>> = {},
): EngramConfig {
  const args: Partial<Record<keyof EngramConfig, unknown>> = { ...extra };
  if (typeof values['data-dir'] === 'string') args.dataDir = values['data-dir'];
  return loadConfig({
    args,
    env: process.env,
    configFile: typeof values.config === 'string' ? values.config : undefined,
  });
}

/**
 * Configuration for a command whose string flags each set one setting
 * (`flags` maps a flag's name to its setting): flags win over
 * `--config`'s file and the environment; `--data-dir` as everywhere.
 */
export function configFromSettingFlags(
  args: string[],
  flags: Readonly<Record<string, ConfigKey>>,
): EngramConfig {
  const names = Object.keys(flags);
  const { values } = parseCommandLine(
    args,
    Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])),
  );
  const settings: Partial<Record<ConfigKey, unknown>> = {};
  for (const name of names) {
    const value = values[name];
    if (value !== undefined) settings[flags[name] as ConfigKey] = value;
  }
  return commandConfig(values, settings);
}

/** Prints `value` as one JSON line (for scripts) or as `key: value` lines (for people). */
export function printResult(value: Record<string, unknown>, asJson: boolean): void {
  if (asJson) process.stdout.write(`${JSON.stringify(value)}\n`);
  else for (const [key, entry] of Object.entries(value)) process.stdout.write(`${key}: ${String(entry)}\n`);
}
