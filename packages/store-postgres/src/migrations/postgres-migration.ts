/**
 * One numbered schema step. Versions are unique and applied in order, each in
 * its own transaction; a version once released is never edited, only
 * followed by a new one. Versions 1–19 hold the tenancy, conversation and
 * memory schema; 20–39 the job queue and platform stores.
 */
export interface PostgresMigration {
  version: number;
  name: string;
  sql: string;
}
