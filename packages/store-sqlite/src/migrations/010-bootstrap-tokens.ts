import type { SqliteMigration } from './migration.js';

/**
 * One-time bootstrap tokens (`engram keys bootstrap-token`), exchanged once
 * for an API key at `POST /api/v1/keys/bootstrap`. Only the SHA-256 hash is
 * kept, as for keys; `used_at` and `key_id` are set by the one exchange that
 * succeeds.
 */
export const bootstrapTokens: SqliteMigration = {
  version: 10,
  name: 'bootstrap-tokens',
  sql: `
    CREATE TABLE bootstrap_tokens (
      token_hash TEXT PRIMARY KEY,
      instance_id TEXT NOT NULL REFERENCES instances(instance_id),
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      used_at TEXT,
      key_id TEXT
    ) WITHOUT ROWID;
  `,
};
