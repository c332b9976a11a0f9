import type { SqliteHandle } from './sqlite-database.js';

/**
 * Reads `memory_scope_versions` (migration 28: moved by triggers on every
 * write of memories, their entity links and entities, from any process).
 * One reader for the memory store's candidate versions and the text index's
 * postings, so both check the same table the same way.
 */
export class MemoryScopeVersionsReader {
  private readonly statement;

  constructor(database: SqliteHandle) {
    this.statement = database
      .prepare(
        'SELECT scope_key, version FROM memory_scope_versions WHERE scope_key IN (SELECT value FROM json_each(?))',
      )
      .raw();
  }

  /** The version of each of `scopeKeys` that has one; a scope never written is absent. */
  read(scopeKeys: readonly string[]): Map<string, number> {
    if (scopeKeys.length === 0) return new Map();
    return new Map(this.statement.all(JSON.stringify(scopeKeys)) as [string, number][]);
  }
}
