import type { SqliteMigration } from './migration.js';

/**
 * A version number per scope key of `memory_vectors`, bumped by triggers on
 * every insert, update and delete there, so an in-process copy of a scope's
 * vectors (see ScopeVectorCache) can tell in one point read whether it is
 * still current — whichever process or code path wrote. A scope without a
 * row has never had a vector. Existing scopes start at version 1.
 */
export const vectorScopeVersions: SqliteMigration = {
  version: 6,
  name: 'vector-scope-versions',
  sql: `
    CREATE TABLE vector_scope_versions (
      scope_key TEXT PRIMARY KEY,
      version INTEGER NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO vector_scope_versions (scope_key, version)
      SELECT DISTINCT scope_key, 1 FROM memory_vectors;

    CREATE TRIGGER memory_vectors_version_on_insert AFTER INSERT ON memory_vectors BEGIN
      INSERT INTO vector_scope_versions (scope_key, version) VALUES (NEW.scope_key, 1)
        ON CONFLICT (scope_key) DO UPDATE SET version = version + 1;
    END;
    CREATE TRIGGER memory_vectors_version_on_delete AFTER DELETE ON memory_vectors BEGIN
      UPDATE vector_scope_versions SET version = version + 1 WHERE scope_key = OLD.scope_key;
    END;
    -- Both keys: an update may move a row to another scope.
    CREATE TRIGGER memory_vectors_version_on_update AFTER UPDATE ON memory_vectors BEGIN
      UPDATE vector_scope_versions SET version = version + 1 WHERE scope_key IN (OLD.scope_key, NEW.scope_key);
      INSERT INTO vector_scope_versions (scope_key, version) VALUES (NEW.scope_key, 1)
        ON CONFLICT (scope_key) DO NOTHING;
    END;
  `,
};
