import type { SqliteMigration } from './migration.js';

/**
 * Finished jobs by completion time, for pruning them after the retention
 * period (`pruneFinished`, decision 0060): the prune reads the oldest
 * finished ones first and never scans the pending queue.
 */
export const finishedJobsByCompletion: SqliteMigration = {
  version: 26,
  name: 'finished-jobs-by-completion',
  sql: `
    CREATE INDEX jobs_finished_by_completed_at ON jobs (completed_at)
      WHERE status IN ('completed', 'failed', 'partial_success');
  `,
};
