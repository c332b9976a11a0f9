import type { InstanceConfigStore, InstanceConfigVersion } from '@engram/core';
import { toVersion, type VersionRow } from '@engram/store-sqlite/portable';
import type { PostgresDatabase, PostgresQueryable } from './postgres-pool.js';

/**
 * Inserts `next` as `version` on `sql` (inside the caller's transaction);
 * false when that version already exists (another writer got there first).
 */
export async function insertConfigVersion(
  sql: PostgresQueryable,
  next: Omit<InstanceConfigVersion, 'version'>,
  version: number,
): Promise<boolean> {
  const { rowCount } = await sql.query(
    `INSERT INTO instance_config_versions (instance_id, version, document, author, diff, rolled_back_to, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (instance_id, version) DO NOTHING`,
    [
      next.instanceId,
      version,
      JSON.stringify(next.document),
      next.author,
      JSON.stringify(next.diff),
      next.rolledBackTo ?? null,
      next.createdAt,
    ],
  );
  return (rowCount ?? 0) === 1;
}

/**
 * {@link InstanceConfigStore} on PostgreSQL: one row per version in
 * `instance_config_versions`. Appending inserts `expectedPrevious + 1` only
 * when that is the next number; two nodes racing for it meet at the primary
 * key and exactly one wins (the other gets undefined and re-reads).
 */
export class PostgresInstanceConfigStore implements InstanceConfigStore {
  constructor(private readonly database: PostgresDatabase) {}

  async latest(instanceId: string): Promise<InstanceConfigVersion | undefined> {
    const { rows } = await this.database.query<VersionRow>(
      'SELECT * FROM instance_config_versions WHERE instance_id = $1 ORDER BY version DESC LIMIT 1',
      [instanceId],
    );
    return rows[0] ? toVersion(rows[0]) : undefined;
  }

  async get(instanceId: string, version: number): Promise<InstanceConfigVersion | undefined> {
    const { rows } = await this.database.query<VersionRow>(
      'SELECT * FROM instance_config_versions WHERE instance_id = $1 AND version = $2',
      [instanceId, version],
    );
    return rows[0] ? toVersion(rows[0]) : undefined;
  }

  async history(instanceId: string): Promise<InstanceConfigVersion[]> {
    const { rows } = await this.database.query<VersionRow>(
      'SELECT * FROM instance_config_versions WHERE instance_id = $1 ORDER BY version DESC',
      [instanceId],
    );
    return rows.map(toVersion);
  }

  async append(
    expectedPrevious: number,
    next: Omit<InstanceConfigVersion, 'version'>,
  ): Promise<InstanceConfigVersion | undefined> {
    return this.database.transaction(async (sql) => {
      const { rows } = await sql.query<{ version: number }>(
        'SELECT coalesce(max(version), 0) AS version FROM instance_config_versions WHERE instance_id = $1',
        [next.instanceId],
      );
      if ((rows[0]?.version ?? 0) !== expectedPrevious) return undefined;
      const inserted = await insertConfigVersion(sql, next, expectedPrevious + 1);
      return inserted ? { ...next, version: expectedPrevious + 1 } : undefined;
    });
  }
}
