import type { SqliteMigration } from './migration.js';

/** Clients, instances, API keys, conversations and their raw turns. */
export const tenancyAndConversations: SqliteMigration = {
  version: 1,
  name: 'tenancy-and-conversations',
  sql: `
    CREATE TABLE clients (
      client_id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE TABLE instances (
      instance_id TEXT PRIMARY KEY,
      client_id TEXT NOT NULL REFERENCES clients(client_id),
      name TEXT NOT NULL,
      relationship TEXT NOT NULL CHECK (relationship IN ('b2c', 'b2b')),
      created_at TEXT NOT NULL
    );
    CREATE TABLE api_keys (
      key_id TEXT PRIMARY KEY,
      instance_id TEXT NOT NULL REFERENCES instances(instance_id),
      prefix TEXT NOT NULL,
      key_hash TEXT NOT NULL UNIQUE,
      created_at TEXT NOT NULL,
      revoked_at TEXT
    );
    CREATE INDEX api_keys_by_instance ON api_keys(instance_id);
    CREATE INDEX api_keys_by_prefix ON api_keys(prefix);

    -- Conversations are keyed by instance first: two instances may use the same
    -- caller-chosen UUID without ever seeing each other's turns.
    CREATE TABLE conversations (
      instance_id TEXT NOT NULL REFERENCES instances(instance_id),
      conversation_id TEXT NOT NULL,
      user_id TEXT,
      customer_id TEXT,
      session_id TEXT NOT NULL,
      created_at TEXT NOT NULL,
      last_message_at TEXT NOT NULL,
      message_count INTEGER NOT NULL,
      PRIMARY KEY (instance_id, conversation_id)
    ) WITHOUT ROWID;
    -- Not on last_message_at: every recorded turn moves it, and an index on it
    -- would be rewritten on the hottest write path.
    CREATE INDEX conversations_by_user ON conversations(instance_id, user_id);

    -- Turns are read by conversation and sequence only; message_id (a UUIDv7)
    -- is unique by construction, so it carries no index of its own.
    CREATE TABLE messages (
      message_id TEXT NOT NULL,
      instance_id TEXT NOT NULL,
      conversation_id TEXT NOT NULL,
      sequence INTEGER NOT NULL,
      role TEXT NOT NULL,
      content TEXT NOT NULL,
      user_id TEXT,
      customer_id TEXT,
      session_id TEXT NOT NULL,
      metadata TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      UNIQUE (instance_id, conversation_id, sequence)
    );
  `,
};
