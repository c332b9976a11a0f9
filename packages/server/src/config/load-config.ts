import { readFileSync } from 'node:fs';
import { ConfigError, type ConfigKey, type EngramConfig, resolveConfig } from '@engram/core';

/** Variable naming an optional JSON config file. */
export const CONFIG_FILE_VARIABLE = 'ENGRAM_CONFIG';

/**
 * Loads configuration at the process edge: command-line values, then the
 * environment, then the JSON file named by `--config` or `ENGRAM_CONFIG`,
 * then defaults. Throws ConfigError naming the bad setting and its variable.
 */
export function loadConfig(options: {
  args?: Partial<Record<ConfigKey, unknown>>;
  env: Readonly<Record<string, string | undefined>>;
  configFile?: string;
}): EngramConfig {
  const path = options.configFile ?? options.env[CONFIG_FILE_VARIABLE];
  let file: Record<string, unknown> | undefined;
  if (path) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      throw new ConfigError(`config file "${path}" (${CONFIG_FILE_VARIABLE} or --config) cannot be read`);
    }
    try {
      file = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new ConfigError(`config file "${path}" is not valid JSON`);
    }
    if (typeof file !== 'object' || file === null || Array.isArray(file)) {
      throw new ConfigError(`config file "${path}" must hold a JSON object`);
    }
  }
  return resolveConfig({ args: options.args, env: options.env, file });
}
