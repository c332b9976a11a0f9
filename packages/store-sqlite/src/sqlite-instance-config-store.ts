import type { InstanceConfigStore, InstanceConfigVersion } from '@engram/core';
import { toVersion, type VersionRow } from './instance-config-rows.js';
import type { SqliteHandle } from './sqlite-database.js';

/** {@link InstanceConfigStore} on SQLite: one row per version in `instance_config_versions`. */
export class SqliteInstanceConfigStore implements InstanceConfigStore {
  private readonly statements;
  private readonly appendTransaction: (
    expectedPrevious: number,
    next: Omit<InstanceConfigVersion, 'version'>,
  ) => InstanceConfigVersion | undefined;

  constructor(database: SqliteHandle) {
    this.statements = {
      latest: database.prepare(
        'SELECT * FROM instance_config_versions WHERE instance_id = ? ORDER BY version DESC LIMIT 1',
      ),
      get: database.prepare('SELECT * FROM instance_config_versions WHERE instance_id = ? AND version = ?'),
      history: database.prepare(
        'SELECT * FROM instance_config_versions WHERE instance_id = ? ORDER BY version DESC',
      ),
      maxVersion: database
        .prepare('SELECT coalesce(max(version), 0) FROM instance_config_versions WHERE instance_id = ?')
        .pluck(),
      insert: database.prepare(`
        INSERT INTO instance_config_versions (instance_id, version, document, author, diff, rolled_back_to, created_at)
        VALUES (@instanceId, @version, @document, @author, @diff, @rolledBackTo, @createdAt)`),
    };
    // Read and insert in one transaction: the check and the write cannot interleave with another writer.
    this.appendTransaction = database.transaction(
      (expectedPrevious: number, next: Omit<InstanceConfigVersion, 'version'>) => {
        const current = this.statements.maxVersion.get(next.instanceId) as number;
        if (current !== expectedPrevious) return undefined;
        const stored: InstanceConfigVersion = { ...next, version: current + 1 };
        this.statements.insert.run({
          instanceId: next.instanceId,
          version: stored.version,
          document: JSON.stringify(next.document),
          author: next.author,
          diff: JSON.stringify(next.diff),
          rolledBackTo: next.rolledBackTo ?? null,
          createdAt: next.createdAt,
        });
        return stored;
      },
    );
  }

  async latest(instanceId: string): Promise<InstanceConfigVersion | undefined> {
    const row = this.statements.latest.get(instanceId) as VersionRow | undefined;
    return row ? toVersion(row) : undefined;
  }

  async get(instanceId: string, version: number): Promise<InstanceConfigVersion | undefined> {
    const row = this.statements.get.get(instanceId, version) as VersionRow | undefined;
    return row ? toVersion(row) : undefined;
  }

  async history(instanceId: string): Promise<InstanceConfigVersion[]> {
    return (this.statements.history.all(instanceId) as VersionRow[]).map(toVersion);
  }

  async append(
    expectedPrevious: number,
    next: Omit<InstanceConfigVersion, 'version'>,
  ): Promise<InstanceConfigVersion | undefined> {
    return this.appendTransaction(expectedPrevious, next);
  }
}
