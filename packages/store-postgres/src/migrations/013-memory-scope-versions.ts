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
 * Deferred constraint triggers (decision 0062): the bumps run at commit,
 * after every other lock the transaction takes. Bumped as each statement
 * ended, a scope's row was locked between one entity upsert and the next,
 * and two ingestions of one scope deadlocked (one holding the scope row and
 * waiting for an entity row, the other the reverse).
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

    CREATE FUNCTION engram_memories_scope_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO memory_scope_versions (scope_key, version) VALUES (NEW.scope_key, 1)
            ON CONFLICT (scope_key) DO UPDATE SET version = memory_scope_versions.version + 1;
        ELSIF TG_OP = 'UPDATE' THEN
          -- Both keys: an update may move a row to another scope.
          UPDATE memory_scope_versions SET version = version + 1
            WHERE scope_key IN (OLD.scope_key, NEW.scope_key);
          INSERT INTO memory_scope_versions (scope_key, version) VALUES (NEW.scope_key, 1)
            ON CONFLICT (scope_key) DO NOTHING;
        ELSE
          UPDATE memory_scope_versions SET version = version + 1 WHERE scope_key = OLD.scope_key;
        END IF;
        RETURN NULL;
      END $$;
    CREATE CONSTRAINT TRIGGER memories_scope_version AFTER INSERT OR UPDATE OR DELETE ON memories
      DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW EXECUTE FUNCTION engram_memories_scope_version();

    -- A link names its memory, not its scope: the memory row tells it (a link
    -- deleted with its memory finds none; the memory's delete bumped the scope).
    CREATE FUNCTION engram_memory_entities_scope_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE memory_scope_versions SET version = version + 1
          WHERE scope_key = (SELECT scope_key FROM memories
                             WHERE memory_id = CASE WHEN TG_OP = 'DELETE' THEN OLD.memory_id ELSE NEW.memory_id END);
        RETURN NULL;
      END $$;
    CREATE CONSTRAINT TRIGGER memory_entities_scope_version AFTER INSERT OR DELETE ON memory_entities
      DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW EXECUTE FUNCTION engram_memory_entities_scope_version();

    -- Links carry the entity's canonical name and type; a new entity has no links yet.
    CREATE FUNCTION engram_entities_scope_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          UPDATE memory_scope_versions SET version = version + 1
            WHERE scope_key IN (OLD.scope_key, NEW.scope_key);
        ELSE
          UPDATE memory_scope_versions SET version = version + 1 WHERE scope_key = OLD.scope_key;
        END IF;
        RETURN NULL;
      END $$;
    CREATE CONSTRAINT TRIGGER entities_scope_version AFTER UPDATE OR DELETE ON entities
      DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW EXECUTE FUNCTION engram_entities_scope_version();
  `,
};
