import type { PostgresMigration } from './postgres-migration.js';

/**
 * A version number per scope key of what a fetch loads for its candidates
 * (memory rows, their entity links, the linked entities' names and types),
 * with SQLite's semantics (its migration 28, decision 0046): bumped on every
 * insert, update and delete of `memories`, every insert and delete of
 * `memory_entities` and every update and delete of `entities`, whichever
 * node or code path wrote, so core's CandidateCache can tell in one read
 * whether loaded candidates are current. An update that moves a row to
 * another scope bumps both. A scope without a row has never held a memory.
 *
 * Statement-level triggers over transition tables: a multi-row insert of an
 * ingestion's 20 memories and their links bumps its scope once per
 * statement, not once per row. Rows are locked in scope-key order, so two
 * transactions bumping several scopes cannot deadlock on this table.
 */
export const memoryScopeVersions: PostgresMigration = {
  version: 13,
  name: 'memory-scope-versions',
  sql: `
    CREATE TABLE memory_scope_versions (
      scope_key TEXT COLLATE "C" PRIMARY KEY,
      version BIGINT NOT NULL
    );
    INSERT INTO memory_scope_versions (scope_key, version)
      SELECT DISTINCT scope_key, 1 FROM memories;

    -- create_missing: a memory written into a scope gives it its first row;
    -- links and entities only bump a scope that already has one.
    CREATE FUNCTION engram_bump_memory_scope_versions(keys TEXT[], create_missing BOOLEAN)
      RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF create_missing THEN
          INSERT INTO memory_scope_versions (scope_key, version)
            SELECT DISTINCT key COLLATE "C", 1 FROM unnest(keys) AS key WHERE key IS NOT NULL ORDER BY 1
            ON CONFLICT (scope_key) DO UPDATE SET version = memory_scope_versions.version + 1;
        ELSE
          UPDATE memory_scope_versions AS versions SET version = versions.version + 1
            FROM (SELECT scope_key FROM memory_scope_versions WHERE scope_key = ANY (keys)
                  ORDER BY scope_key FOR UPDATE) AS locked
            WHERE versions.scope_key = locked.scope_key;
        END IF;
      END $$;

    CREATE FUNCTION engram_memories_scope_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM engram_bump_memory_scope_versions(ARRAY(SELECT scope_key FROM new_rows), true);
        ELSIF TG_OP = 'UPDATE' THEN
          -- Both keys: an update may move a row to another scope.
          PERFORM engram_bump_memory_scope_versions(
            ARRAY(SELECT scope_key FROM old_rows UNION SELECT scope_key FROM new_rows), true);
        ELSE
          PERFORM engram_bump_memory_scope_versions(ARRAY(SELECT scope_key FROM old_rows), false);
        END IF;
        RETURN NULL;
      END $$;
    CREATE TRIGGER memories_scope_version_on_insert AFTER INSERT ON memories
      REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION engram_memories_scope_version();
    CREATE TRIGGER memories_scope_version_on_update AFTER UPDATE ON memories
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION engram_memories_scope_version();
    CREATE TRIGGER memories_scope_version_on_delete AFTER DELETE ON memories
      REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION engram_memories_scope_version();

    -- A link names its memory, not its scope: the memory row tells it (a
    -- link deleted with its memory finds none; the memory's delete bumped it).
    CREATE FUNCTION engram_memory_entities_scope_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM engram_bump_memory_scope_versions(ARRAY(
            SELECT m.scope_key FROM new_rows AS l JOIN memories AS m ON m.memory_id = l.memory_id), false);
        ELSE
          PERFORM engram_bump_memory_scope_versions(ARRAY(
            SELECT m.scope_key FROM old_rows AS l JOIN memories AS m ON m.memory_id = l.memory_id), false);
        END IF;
        RETURN NULL;
      END $$;
    CREATE TRIGGER memory_entities_scope_version_on_insert AFTER INSERT ON memory_entities
      REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION engram_memory_entities_scope_version();
    CREATE TRIGGER memory_entities_scope_version_on_delete AFTER DELETE ON memory_entities
      REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION engram_memory_entities_scope_version();

    -- Links carry the entity's canonical name and type; a new entity has no links yet.
    CREATE FUNCTION engram_entities_scope_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          PERFORM engram_bump_memory_scope_versions(
            ARRAY(SELECT scope_key FROM old_rows UNION SELECT scope_key FROM new_rows), false);
        ELSE
          PERFORM engram_bump_memory_scope_versions(ARRAY(SELECT scope_key FROM old_rows), false);
        END IF;
        RETURN NULL;
      END $$;
    CREATE TRIGGER entities_scope_version_on_update AFTER UPDATE ON entities
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION engram_entities_scope_version();
    CREATE TRIGGER entities_scope_version_on_delete AFTER DELETE ON entities
      REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION engram_entities_scope_version();
  `,
};
