import type { InstanceSettings, InstanceSettingsStore } from '@engram/core';
import type { SqliteHandle } from './sqlite-database.js';

// Stored snake_case, like every other JSON column that may one day be read by hand.
interface SettingsDocument {
  compaction_threshold_tokens?: number;
  rate_limit_per_second?: number;
  rate_limit_burst?: number;
}

/** Each setting and its stored (snake_case) name. */
const STORED_NAMES = {
  compactionThresholdTokens: 'compaction_threshold_tokens',
  rateLimitPerSecond: 'rate_limit_per_second',
  rateLimitBurst: 'rate_limit_burst',
} as const satisfies Record<keyof InstanceSettings, keyof SettingsDocument>;

function toSettings(document: SettingsDocument): InstanceSettings {
  const settings: InstanceSettings = {};
  for (const [key, stored] of Object.entries(STORED_NAMES) as [
    keyof InstanceSettings,
    keyof SettingsDocument,
  ][]) {
    const value = document[stored];
    if (typeof value === 'number') settings[key] = value;
  }
  return settings;
}

function parseDocument(text: string): SettingsDocument {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as SettingsDocument)
      : {};
  } catch {
    return {};
  }
}

/**
 * {@link InstanceSettingsStore} on SQLite: a JSON document in the
 * `instances.settings` column. Updates read and write inside one
 * transaction, so concurrent updates of different keys both survive.
 */
export class SqliteInstanceSettingsStore implements InstanceSettingsStore {
  private readonly statements;
  private readonly updateTransaction: (
    instanceId: string,
    changes: Readonly<Record<string, unknown>>,
  ) => InstanceSettings | undefined;

  constructor(database: SqliteHandle) {
    this.statements = {
      get: database.prepare('SELECT settings FROM instances WHERE instance_id = ?').pluck(),
      set: database.prepare('UPDATE instances SET settings = ? WHERE instance_id = ?'),
    };
    this.updateTransaction = database.transaction(
      (instanceId: string, changes: Readonly<Record<string, unknown>>) => {
        const current = this.statements.get.get(instanceId) as string | undefined;
        if (current === undefined) return undefined;
        const document: Record<string, unknown> = { ...parseDocument(current) };
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined) delete document[key];
          else document[key] = value;
        }
        this.statements.set.run(JSON.stringify(document), instanceId);
        return toSettings(document);
      },
    );
  }

  async getSettings(instanceId: string): Promise<InstanceSettings | undefined> {
    const text = this.statements.get.get(instanceId) as string | undefined;
    return text === undefined ? undefined : toSettings(parseDocument(text));
  }

  async updateSettings(
    instanceId: string,
    changes: { [Key in keyof InstanceSettings]: InstanceSettings[Key] | undefined },
  ): Promise<InstanceSettings | undefined> {
    const document: Record<string, unknown> = {};
    for (const [key, stored] of Object.entries(STORED_NAMES) as [keyof InstanceSettings, string][]) {
      if (key in changes) document[stored] = changes[key];
    }
    return this.updateTransaction(instanceId, document);
  }
}
