import type { InstanceSettings, InstanceSettingsStore } from '@engram/core';
import type { PostgresDatabase } from './postgres-pool.js';

/** Each setting and its stored (snake_case) name, as on SQLite: the same document in both stores. */
const STORED_NAMES = {
  compactionThresholdTokens: 'compaction_threshold_tokens',
  rateLimitPerSecond: 'rate_limit_per_second',
  rateLimitBurst: 'rate_limit_burst',
} as const satisfies Record<keyof InstanceSettings, string>;

function parseDocument(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function toSettings(document: Record<string, unknown>): InstanceSettings {
  const settings: InstanceSettings = {};
  for (const [key, stored] of Object.entries(STORED_NAMES) as [keyof InstanceSettings, string][]) {
    const value = document[stored];
    if (typeof value === 'number') settings[key] = value;
  }
  return settings;
}

/**
 * {@link InstanceSettingsStore} on PostgreSQL: a JSON document in
 * `instances.settings`. An update reads the row `FOR UPDATE` and writes it in
 * one transaction, so two nodes updating different keys at once both survive.
 */
export class PostgresInstanceSettingsStore implements InstanceSettingsStore {
  constructor(private readonly database: PostgresDatabase) {}

  async getSettings(instanceId: string): Promise<InstanceSettings | undefined> {
    const { rows } = await this.database.query<{ settings: string }>(
      'SELECT settings FROM instances WHERE instance_id = $1',
      [instanceId],
    );
    return rows[0] ? toSettings(parseDocument(rows[0].settings)) : undefined;
  }

  async updateSettings(
    instanceId: string,
    changes: { [Key in keyof InstanceSettings]: InstanceSettings[Key] | undefined },
  ): Promise<InstanceSettings | undefined> {
    return this.database.transaction(async (sql) => {
      const { rows } = await sql.query<{ settings: string }>(
        'SELECT settings FROM instances WHERE instance_id = $1 FOR UPDATE',
        [instanceId],
      );
      if (!rows[0]) return undefined;
      const document = parseDocument(rows[0].settings);
      for (const [key, stored] of Object.entries(STORED_NAMES) as [keyof InstanceSettings, string][]) {
        if (!(key in changes)) continue;
        const value = changes[key];
        if (value === undefined) delete document[stored];
        else document[stored] = value;
      }
      await sql.query('UPDATE instances SET settings = $1 WHERE instance_id = $2', [
        JSON.stringify(document),
        instanceId,
      ]);
      return toSettings(document);
    });
  }
}
