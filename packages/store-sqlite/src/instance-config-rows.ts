// Rows of `instance_config_versions` and their domain values: the same
// columns on SQLite and PostgreSQL, so both adapters map them with this.
import type { ConfigChange, InstanceConfigVersion } from '@engram/core';

/** An `instance_config_versions` row (the same columns on every store). */
export interface VersionRow {
  instance_id: string;
  version: number;
  document: string;
  author: string;
  diff: string;
  rolled_back_to: number | null;
  created_at: string;
}

/** The domain version of a row. */
export function toVersion(row: VersionRow): InstanceConfigVersion {
  const version: InstanceConfigVersion = {
    instanceId: row.instance_id,
    version: row.version,
    document: JSON.parse(row.document) as Record<string, unknown>,
    author: row.author,
    createdAt: row.created_at,
    diff: JSON.parse(row.diff) as ConfigChange[],
  };
  if (row.rolled_back_to !== null) version.rolledBackTo = row.rolled_back_to;
  return version;
}
