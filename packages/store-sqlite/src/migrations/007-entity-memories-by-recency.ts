import type { SqliteMigration } from './migration.js';

/**
 * The memories of each entity in recency order, kept by triggers: "the most
 * recent memories of these entities" then walks one short index range per
 * entity and stops at the limit, instead of reading every linked memory row
 * to sort it (an entity of a large scope can have thousands). `recency` and
 * `memory_rowid` are copied from `memories`, whose recency never changes
 * except through the update trigger below.
 */
export const entityMemoriesByRecency: SqliteMigration = {
  version: 7,
  name: 'entity-memories-by-recency',
  sql: `
    CREATE TABLE entity_memories_by_recency (
      entity_id TEXT NOT NULL,
      recency TEXT NOT NULL,
      memory_rowid INTEGER NOT NULL,
      memory_id TEXT NOT NULL,
      PRIMARY KEY (entity_id, recency, memory_rowid)
    ) WITHOUT ROWID;
    CREATE INDEX entity_memories_by_recency_by_memory ON entity_memories_by_recency (memory_id, entity_id);
    INSERT OR IGNORE INTO entity_memories_by_recency (entity_id, recency, memory_rowid, memory_id)
      SELECT memory_entities.entity_id, memories.recency, memories.memory_rowid, memories.memory_id
      FROM memory_entities JOIN memories ON memories.memory_id = memory_entities.memory_id;

    -- A link is written after its memory row (see MemoryWrites.insertMemory).
    CREATE TRIGGER memory_entities_recency_on_insert AFTER INSERT ON memory_entities BEGIN
      INSERT OR IGNORE INTO entity_memories_by_recency (entity_id, recency, memory_rowid, memory_id)
        SELECT NEW.entity_id, recency, memory_rowid, memory_id FROM memories WHERE memory_id = NEW.memory_id;
    END;
    CREATE TRIGGER memory_entities_recency_on_delete AFTER DELETE ON memory_entities BEGIN
      DELETE FROM entity_memories_by_recency WHERE memory_id = OLD.memory_id AND entity_id = OLD.entity_id;
    END;
    CREATE TRIGGER memories_recency_on_update AFTER UPDATE OF event_date, extracted_at ON memories BEGIN
      UPDATE entity_memories_by_recency SET recency = NEW.recency WHERE memory_id = NEW.memory_id;
    END;
    -- A memory row deleted without its links first (no code path does) must not leave stale entries.
    CREATE TRIGGER memories_recency_on_delete AFTER DELETE ON memories BEGIN
      DELETE FROM entity_memories_by_recency WHERE memory_id = OLD.memory_id;
    END;
  `,
};
