import type { PostgresMigration } from './postgres-migration.js';

/**
 * Clients, instances, API keys, bootstrap tokens, conversations with their
 * turns and transcript pushes. Text compared or ordered in SQL is `COLLATE
 * "C"` (byte order), so ties and prefixes behave as in SQLite whatever the
 * database's default collation; timestamps are ISO-8601 text for the same reason.
 */
export const tenancyAndConversations: PostgresMigration = {
  version: 1,
  name: 'tenancy-and-conversations',
  sql: `
    CREATE TABLE clients (
      client_id TEXT COLLATE "C" PRIMARY KEY,
      name TEXT NOT NULL,
      created_at TEXT COLLATE "C" NOT NULL
    );
    CREATE TABLE instances (
      instance_id TEXT COLLATE "C" PRIMARY KEY,
      client_id TEXT COLLATE "C" NOT NULL REFERENCES clients (client_id),
      name TEXT NOT NULL,
      relationship TEXT NOT NULL CHECK (relationship IN ('b2c', 'b2b')),
      created_at TEXT COLLATE "C" NOT NULL
    );
    CREATE TABLE api_keys (
      key_id TEXT COLLATE "C" PRIMARY KEY,
      instance_id TEXT COLLATE "C" NOT NULL REFERENCES instances (instance_id),
      prefix TEXT COLLATE "C" NOT NULL,
      key_hash TEXT COLLATE "C" NOT NULL UNIQUE,
      created_at TEXT COLLATE "C" NOT NULL,
      revoked_at TEXT COLLATE "C"
    );
    CREATE INDEX api_keys_by_instance ON api_keys (instance_id, created_at);
    CREATE INDEX api_keys_by_prefix ON api_keys (prefix text_pattern_ops);

    CREATE TABLE bootstrap_tokens (
      token_hash TEXT COLLATE "C" PRIMARY KEY,
      instance_id TEXT COLLATE "C" NOT NULL REFERENCES instances (instance_id),
      created_at TEXT COLLATE "C" NOT NULL,
      expires_at TEXT COLLATE "C" NOT NULL,
      used_at TEXT COLLATE "C",
      key_id TEXT COLLATE "C"
    );

    CREATE TABLE conversations (
      instance_id TEXT COLLATE "C" NOT NULL REFERENCES instances (instance_id),
      conversation_id TEXT COLLATE "C" NOT NULL,
      user_id TEXT COLLATE "C",
      customer_id TEXT COLLATE "C",
      session_id TEXT NOT NULL,
      created_at TEXT COLLATE "C" NOT NULL,
      last_message_at TEXT COLLATE "C" NOT NULL,
      message_count INTEGER NOT NULL,
      PRIMARY KEY (instance_id, conversation_id)
    );
    CREATE INDEX conversations_by_user ON conversations (instance_id, user_id);

    CREATE TABLE messages (
      message_id TEXT COLLATE "C" NOT NULL,
      instance_id TEXT COLLATE "C" NOT NULL,
      conversation_id TEXT COLLATE "C" NOT NULL,
      sequence INTEGER NOT NULL,
      role TEXT NOT NULL,
      content TEXT NOT NULL,
      user_id TEXT COLLATE "C",
      customer_id TEXT COLLATE "C",
      session_id TEXT NOT NULL,
      metadata TEXT NOT NULL,
      recorded_at TEXT COLLATE "C" NOT NULL,
      PRIMARY KEY (instance_id, conversation_id, sequence)
    );

    CREATE TABLE transcripts (
      instance_id TEXT COLLATE "C" NOT NULL,
      conversation_id TEXT COLLATE "C" NOT NULL,
      transcript_hash TEXT NOT NULL,
      ingestion_id TEXT COLLATE "C" NOT NULL,
      created_at TEXT COLLATE "C" NOT NULL,
      PRIMARY KEY (instance_id, conversation_id)
    );
  `,
};
