import type { SqliteMigration } from './migration.js';

/**
 * Documents, memories and their vector, full-text and graph indexes, and the
 * durable job queue. Every per-tenant read starts from a `scope_key` index so
 * a query never walks another tenant's rows.
 */
export const memoriesGraphAndJobs: SqliteMigration = {
  version: 2,
  name: 'memories-graph-and-jobs',
  sql: `
    -- A rowid table: document bodies can be large, and WITHOUT ROWID suits small rows only.
    CREATE TABLE documents (
      instance_id TEXT NOT NULL,
      document_id TEXT NOT NULL,
      scope TEXT NOT NULL,
      customer_id TEXT,
      user_id TEXT,
      conversation_id TEXT,
      scope_key TEXT NOT NULL,
      document_type TEXT NOT NULL,
      mode TEXT NOT NULL,
      content TEXT NOT NULL,
      content_hash TEXT NOT NULL,
      document_created_at TEXT NOT NULL,
      metadata TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (instance_id, document_id)
    );

    -- memory_rowid aliases the rowid so that it survives VACUUM: the full-text
    -- rows point at it. memory_id (a UUID) is the public key.
    CREATE TABLE memories (
      memory_rowid INTEGER PRIMARY KEY,
      memory_id TEXT NOT NULL UNIQUE,
      instance_id TEXT NOT NULL,
      scope TEXT NOT NULL,
      customer_id TEXT,
      user_id TEXT,
      conversation_id TEXT,
      scope_key TEXT NOT NULL,
      type TEXT NOT NULL,
      content TEXT NOT NULL,
      confidence REAL NOT NULL,
      subject TEXT,
      attribute TEXT,
      value TEXT,
      event_date TEXT,
      valid_until TEXT,
      temporal_category TEXT NOT NULL,
      temporal_confidence REAL NOT NULL,
      details TEXT NOT NULL,
      source_document_id TEXT NOT NULL,
      source_ingestion_id TEXT NOT NULL,
      source_document_type TEXT NOT NULL,
      source_document_created_at TEXT NOT NULL,
      source_evidence TEXT NOT NULL,
      mention_count INTEGER NOT NULL,
      superseded_by TEXT,
      extractor TEXT NOT NULL,
      metadata TEXT NOT NULL,
      extracted_at TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      recency TEXT GENERATED ALWAYS AS (coalesce(event_date, extracted_at)) VIRTUAL
    );
    -- Scanned backwards, it yields a scope's memories newest first without a sort.
    CREATE INDEX memories_by_scope_recency ON memories (scope_key, recency);
    -- Partial: supersession checks only ever look at current memories.
    CREATE INDEX memories_current_by_subject ON memories (scope_key, subject, attribute)
      WHERE valid_until IS NULL AND superseded_by IS NULL;
    CREATE INDEX memories_by_document ON memories (instance_id, source_document_id);

    -- Clustered by scope: an exact nearest-neighbour scan reads one contiguous
    -- key range. Embeddings are float32 little-endian BLOBs of any dimension.
    CREATE TABLE memory_vectors (
      scope_key TEXT NOT NULL,
      memory_id TEXT NOT NULL,
      embedding BLOB NOT NULL,
      PRIMARY KEY (scope_key, memory_id)
    ) WITHOUT ROWID;

    -- rowid = memories.memory_rowid. The scope is a token of its own column,
    -- so a query ANDs it with the terms and only walks the tenant's postings;
    -- user text lives in another column and can never forge a scope token.
    -- Contentless: the text is not stored twice.
    CREATE VIRTUAL TABLE memory_text USING fts5 (
      scope_token,
      body,
      tokenize = 'porter unicode61 remove_diacritics 2',
      content = '',
      contentless_delete = 1
    );

    CREATE TABLE entities (
      entity_id TEXT PRIMARY KEY,
      scope_key TEXT NOT NULL,
      canonical_name TEXT NOT NULL,
      normalized_name TEXT NOT NULL,
      type TEXT NOT NULL,
      aliases TEXT NOT NULL,
      mention_count INTEGER NOT NULL
    );
    CREATE INDEX entities_by_scope ON entities (scope_key, normalized_name);

    -- Every normalised name (canonical and aliases) of an entity, for lookups by name.
    CREATE TABLE entity_aliases (
      scope_key TEXT NOT NULL,
      normalized_alias TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      PRIMARY KEY (scope_key, normalized_alias, entity_id)
    ) WITHOUT ROWID;
    CREATE INDEX entity_aliases_by_entity ON entity_aliases (entity_id);

    CREATE TABLE memory_entities (
      memory_id TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      PRIMARY KEY (memory_id, entity_id)
    ) WITHOUT ROWID;
    CREATE INDEX memory_entities_by_entity ON memory_entities (entity_id, memory_id);

    CREATE TABLE entity_edges (
      edge_id TEXT PRIMARY KEY,
      scope_key TEXT NOT NULL,
      subject_entity_id TEXT NOT NULL,
      relation TEXT NOT NULL,
      object_entity_id TEXT NOT NULL,
      memory_id TEXT NOT NULL
    );
    CREATE INDEX entity_edges_by_subject ON entity_edges (subject_entity_id);
    CREATE INDEX entity_edges_by_object ON entity_edges (object_entity_id);
    CREATE INDEX entity_edges_by_memory ON entity_edges (memory_id);

    CREATE TABLE jobs (
      job_id TEXT PRIMARY KEY,
      instance_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      serial_key TEXT NOT NULL,
      status TEXT NOT NULL
        CHECK (status IN ('queued', 'processing', 'completed', 'failed', 'partial_success')),
      payload TEXT NOT NULL,
      result TEXT NOT NULL,
      attempts INTEGER NOT NULL,
      error_message TEXT,
      worker_id TEXT,
      lease_until TEXT,
      queued_at TEXT NOT NULL,
      started_at TEXT,
      completed_at TEXT
    );
    -- Partial indexes: finished jobs pile up, but claiming only ever looks at pending ones.
    CREATE INDEX jobs_pending_by_queued_at ON jobs (queued_at, job_id)
      WHERE status IN ('queued', 'processing');
    CREATE INDEX jobs_pending_by_serial_key ON jobs (serial_key, queued_at, job_id)
      WHERE status IN ('queued', 'processing');
    CREATE INDEX jobs_by_serial_key ON jobs (instance_id, kind, serial_key, queued_at);
  `,
};
