import type { SqliteMigration } from './migration.js';

/**
 * A version number per scope key of what a fetch loads for its candidates:
 * memory rows, their entity links and the linked entities' names and types.
 * Bumped by triggers on every insert, update and delete of `memories` and
 * `memory_entities` and every update or delete of `entities`, so an
 * in-process copy of loaded candidates (core's CandidateCache) can tell in
 * one point read whether it is still current, whichever process or code path
 * wrote (erasure, TTL sweeps, imports, another node). A scope without a row
 * has never held a memory. Existing scopes start at version 1.
 */
export const memoryScopeVersions: SqliteMigration = {
  version: 28,
  name: 'memory-scope-versions',
  sql: `
    CREATE TABLE memory_scope_versions (
      scope_key TEXT PRIMARY KEY,
      version INTEGER NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO memory_scope_versions (scope_key, version)
      SELECT DISTINCT scope_key, 1 FROM memories;

    CREATE TRIGGER memories_scope_version_on_insert AFTER INSERT ON memories BEGIN
      INSERT INTO memory_scope_versions (scope_key, version) VALUES (NEW.scope_key, 1)
        ON CONFLICT (scope_key) DO UPDATE SET version = version + 1;
    END;
    CREATE TRIGGER memories_scope_version_on_delete AFTER DELETE ON memories BEGIN
      UPDATE memory_scope_versions SET version = version + 1 WHERE scope_key = OLD.scope_key;
    END;
    -- Both keys: an update may move a row to another scope.
    CREATE TRIGGER memories_scope_version_on_update AFTER UPDATE ON memories BEGIN
      UPDATE memory_scope_versions SET version = version + 1 WHERE scope_key IN (OLD.scope_key, NEW.scope_key);
      INSERT INTO memory_scope_versions (scope_key, version) VALUES (NEW.scope_key, 1)
        ON CONFLICT (scope_key) DO NOTHING;
    END;
    -- A link names its memory, not its scope: the memory row tells it.
    CREATE TRIGGER memory_entities_scope_version_on_insert AFTER INSERT ON memory_entities BEGIN
      UPDATE memory_scope_versions SET version = version + 1
        WHERE scope_key = (SELECT scope_key FROM memories WHERE memory_id = NEW.memory_id);
    END;
    CREATE TRIGGER memory_entities_scope_version_on_delete AFTER DELETE ON memory_entities BEGIN
      UPDATE memory_scope_versions SET version = version + 1
        WHERE scope_key = (SELECT scope_key FROM memories WHERE memory_id = OLD.memory_id);
    END;
    -- Links carry the entity's canonical name and type; a new entity has no links yet.
    CREATE TRIGGER entities_scope_version_on_update AFTER UPDATE ON entities BEGIN
      UPDATE memory_scope_versions SET version = version + 1 WHERE scope_key IN (OLD.scope_key, NEW.scope_key);
    END;
    CREATE TRIGGER entities_scope_version_on_delete AFTER DELETE ON entities BEGIN
      UPDATE memory_scope_versions SET version = version + 1 WHERE scope_key = OLD.scope_key;
    END;
  `,
};
