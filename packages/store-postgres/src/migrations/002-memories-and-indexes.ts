import type { PostgresMigration } from './postgres-migration.js';

/**
 * Documents, memories and their vector, full-text and graph indexes, and
 * document tombstones. Every per-tenant read starts from a `scope_key`
 * index (or, for text, a scope lexeme inside the GIN index) so a query never
 * walks another tenant's rows.
 *
 * - `memory_vectors`: float32 little-endian bytes, scored exactly per scope
 *   in the process (pgvector is not assumed); `vector_scope_versions` is
 *   bumped by triggers on every change, so each node's in-process copy of a
 *   scope can tell in one indexed read whether it is current.
 * - `memory_text`: one row per memory, with a tsvector of the stems the
 *   JavaScript tokenizer produced (body stems as-is, context stems with a `~`
 *   prefix, the scope as a `#` lexeme: neither character can occur in a
 *   stem), the stem counts (same encoding as SQLite's
 *   memory_term_frequencies) and the token count. `text_totals` holds row and
 *   token totals in 16 shards (a writer touches only its backend's shard), so
 *   BM25's collection statistics are a 16-row read.
 * - `entity_memories_by_recency` keeps each entity's memories in recency order.
 */
export const memoriesAndIndexes: PostgresMigration = {
  version: 2,
  name: 'memories-and-indexes',
  sql: `
    CREATE TABLE documents (
      instance_id TEXT COLLATE "C" NOT NULL,
      document_id TEXT COLLATE "C" NOT NULL,
      scope TEXT NOT NULL,
      customer_id TEXT COLLATE "C",
      user_id TEXT COLLATE "C",
      conversation_id TEXT COLLATE "C",
      scope_key TEXT COLLATE "C" NOT NULL,
      document_type TEXT NOT NULL,
      mode TEXT NOT NULL,
      content TEXT NOT NULL,
      content_hash TEXT NOT NULL,
      document_created_at TEXT COLLATE "C" NOT NULL,
      metadata TEXT NOT NULL,
      created_at TEXT COLLATE "C" NOT NULL,
      updated_at TEXT COLLATE "C" NOT NULL,
      PRIMARY KEY (instance_id, document_id)
    );

    CREATE TABLE memories (
      memory_rowid BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      memory_id TEXT COLLATE "C" NOT NULL UNIQUE,
      instance_id TEXT COLLATE "C" NOT NULL,
      scope TEXT NOT NULL,
      customer_id TEXT COLLATE "C",
      user_id TEXT COLLATE "C",
      conversation_id TEXT COLLATE "C",
      scope_key TEXT COLLATE "C" NOT NULL,
      type TEXT NOT NULL,
      content TEXT NOT NULL,
      confidence DOUBLE PRECISION NOT NULL,
      subject TEXT COLLATE "C",
      attribute TEXT COLLATE "C",
      value TEXT,
      event_date TEXT COLLATE "C",
      valid_until TEXT COLLATE "C",
      temporal_category TEXT NOT NULL,
      temporal_confidence DOUBLE PRECISION NOT NULL,
      details TEXT NOT NULL,
      source_document_id TEXT COLLATE "C" NOT NULL,
      source_ingestion_id TEXT COLLATE "C" NOT NULL,
      source_document_type TEXT NOT NULL,
      source_document_created_at TEXT COLLATE "C" NOT NULL,
      source_evidence TEXT NOT NULL,
      mention_count INTEGER NOT NULL,
      superseded_by TEXT COLLATE "C",
      extractor TEXT NOT NULL,
      metadata TEXT NOT NULL,
      extracted_at TEXT COLLATE "C" NOT NULL,
      created_at TEXT COLLATE "C" NOT NULL,
      updated_at TEXT COLLATE "C" NOT NULL,
      dedup_key TEXT COLLATE "C",
      recency TEXT COLLATE "C" GENERATED ALWAYS AS (coalesce(event_date, extracted_at)) STORED
    );
    CREATE INDEX memories_by_scope_recency ON memories (scope_key, recency DESC, memory_rowid DESC);
    CREATE INDEX memories_current_by_subject ON memories (scope_key, subject, attribute)
      WHERE valid_until IS NULL AND superseded_by IS NULL;
    CREATE INDEX memories_by_document ON memories (instance_id, source_document_id, memory_rowid);
    CREATE INDEX memories_by_dedup_key ON memories (scope_key, dedup_key)
      WHERE superseded_by IS NULL AND dedup_key IS NOT NULL;
    CREATE INDEX memories_by_instance ON memories (instance_id, memory_rowid);

    CREATE TABLE memory_vectors (
      scope_key TEXT COLLATE "C" NOT NULL,
      memory_id TEXT COLLATE "C" NOT NULL,
      dimensions INTEGER NOT NULL,
      embedding BYTEA NOT NULL,
      PRIMARY KEY (scope_key, memory_id)
    );

    CREATE TABLE vector_scope_versions (
      scope_key TEXT COLLATE "C" PRIMARY KEY,
      version BIGINT NOT NULL
    );
    CREATE FUNCTION engram_bump_vector_scope_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE vector_scope_versions SET version = version + 1 WHERE scope_key = OLD.scope_key;
      END IF;
      IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO vector_scope_versions (scope_key, version) VALUES (NEW.scope_key, 1)
          ON CONFLICT (scope_key) DO UPDATE SET version = vector_scope_versions.version + 1;
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER memory_vectors_version AFTER INSERT OR UPDATE OR DELETE ON memory_vectors
      FOR EACH ROW EXECUTE FUNCTION engram_bump_vector_scope_version();

    CREATE TABLE memory_text (
      memory_rowid BIGINT PRIMARY KEY,
      scope_key TEXT COLLATE "C" NOT NULL,
      lexemes TSVECTOR NOT NULL,
      tokens INTEGER NOT NULL,
      body TEXT NOT NULL,
      context TEXT NOT NULL
    );
    CREATE INDEX memory_text_lexemes ON memory_text USING gin (lexemes);

    CREATE TABLE text_totals (
      shard SMALLINT PRIMARY KEY,
      rows BIGINT NOT NULL,
      tokens BIGINT NOT NULL
    );
    INSERT INTO text_totals (shard, rows, tokens) SELECT shard, 0, 0 FROM generate_series(0, 15) AS shard;
    CREATE FUNCTION engram_count_text_totals() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      row_delta BIGINT := 0;
      token_delta BIGINT := 0;
    BEGIN
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        row_delta := row_delta - 1;
        token_delta := token_delta - OLD.tokens;
      END IF;
      IF TG_OP IN ('UPDATE', 'INSERT') THEN
        row_delta := row_delta + 1;
        token_delta := token_delta + NEW.tokens;
      END IF;
      UPDATE text_totals SET rows = rows + row_delta, tokens = tokens + token_delta
        WHERE shard = pg_backend_pid() % 16;
      RETURN NULL;
    END $$;
    CREATE TRIGGER memory_text_totals AFTER INSERT OR UPDATE OR DELETE ON memory_text
      FOR EACH ROW EXECUTE FUNCTION engram_count_text_totals();

    CREATE TABLE entities (
      entity_id TEXT COLLATE "C" PRIMARY KEY,
      scope_key TEXT COLLATE "C" NOT NULL,
      canonical_name TEXT COLLATE "C" NOT NULL,
      normalized_name TEXT COLLATE "C" NOT NULL,
      type TEXT NOT NULL,
      aliases TEXT NOT NULL,
      mention_count INTEGER NOT NULL
    );
    CREATE INDEX entities_by_scope ON entities (scope_key, mention_count DESC, entity_id);

    CREATE TABLE entity_aliases (
      scope_key TEXT COLLATE "C" NOT NULL,
      normalized_alias TEXT COLLATE "C" NOT NULL,
      entity_id TEXT COLLATE "C" NOT NULL,
      PRIMARY KEY (scope_key, normalized_alias, entity_id)
    );
    CREATE INDEX entity_aliases_by_entity ON entity_aliases (entity_id);

    CREATE TABLE memory_entities (
      memory_id TEXT COLLATE "C" NOT NULL,
      entity_id TEXT COLLATE "C" NOT NULL,
      PRIMARY KEY (memory_id, entity_id)
    );
    CREATE INDEX memory_entities_by_entity ON memory_entities (entity_id, memory_id);

    CREATE TABLE entity_memories_by_recency (
      entity_id TEXT COLLATE "C" NOT NULL,
      recency TEXT COLLATE "C" NOT NULL,
      memory_rowid BIGINT NOT NULL,
      memory_id TEXT COLLATE "C" NOT NULL,
      PRIMARY KEY (entity_id, recency, memory_rowid)
    );
    CREATE INDEX entity_memories_by_recency_by_memory ON entity_memories_by_recency (memory_id, entity_id);
    CREATE FUNCTION engram_link_entity_recency() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        INSERT INTO entity_memories_by_recency (entity_id, recency, memory_rowid, memory_id)
          SELECT NEW.entity_id, recency, memory_rowid, memory_id FROM memories WHERE memory_id = NEW.memory_id
          ON CONFLICT DO NOTHING;
      ELSE
        DELETE FROM entity_memories_by_recency WHERE memory_id = OLD.memory_id AND entity_id = OLD.entity_id;
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER memory_entities_recency AFTER INSERT OR DELETE ON memory_entities
      FOR EACH ROW EXECUTE FUNCTION engram_link_entity_recency();
    CREATE FUNCTION engram_follow_memory_recency() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' THEN
        IF NEW.recency IS DISTINCT FROM OLD.recency THEN
          UPDATE entity_memories_by_recency SET recency = NEW.recency WHERE memory_id = NEW.memory_id;
        END IF;
      ELSE
        DELETE FROM entity_memories_by_recency WHERE memory_id = OLD.memory_id;
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER memories_recency AFTER UPDATE OR DELETE ON memories
      FOR EACH ROW EXECUTE FUNCTION engram_follow_memory_recency();

    CREATE TABLE entity_edges (
      edge_rowid BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      edge_id TEXT COLLATE "C" NOT NULL UNIQUE,
      scope_key TEXT COLLATE "C" NOT NULL,
      subject_entity_id TEXT COLLATE "C" NOT NULL,
      relation TEXT NOT NULL,
      object_entity_id TEXT COLLATE "C" NOT NULL,
      memory_id TEXT COLLATE "C" NOT NULL
    );
    CREATE INDEX entity_edges_by_subject ON entity_edges (subject_entity_id);
    CREATE INDEX entity_edges_by_object ON entity_edges (object_entity_id);
    CREATE INDEX entity_edges_by_memory ON entity_edges (memory_id);

    CREATE TABLE document_tombstones (
      instance_id TEXT COLLATE "C" NOT NULL,
      document_id TEXT COLLATE "C" NOT NULL,
      erased_at TEXT COLLATE "C" NOT NULL,
      PRIMARY KEY (instance_id, document_id)
    );
  `,
};
