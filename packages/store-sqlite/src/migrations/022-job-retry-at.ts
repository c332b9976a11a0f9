import type { SqliteMigration } from './migration.js';

/**
 * When a released job may run again (back-off after a retryable failure).
 * Kept apart from `queued_at`, which is the job's place in its serial key's
 * order: a job waiting out its back-off keeps that place, and later jobs of
 * the same key wait behind it (docs/decisions/0040). Null: no back-off.
 */
export const jobRetryAt: SqliteMigration = {
  version: 22,
  name: 'job-retry-at',
  sql: `
    ALTER TABLE jobs ADD COLUMN retry_at TEXT;
  `,
};
