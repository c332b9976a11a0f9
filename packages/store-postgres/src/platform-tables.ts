import type { PostgresQueryable } from './postgres-pool.js';

/** Tables of the job-queue migrations (another line of work) that the platform stores also touch. */
export type QueueTable = 'jobs' | 'compactions' | 'conversation_extractions';

/**
 * Which of the job queue's tables exist in this database. The platform
 * stores (erasure, archive, console) scrub, copy or list their rows, and
 * skip those steps where a table is not there yet, so they work on a schema
 * with or without the queue's migrations (one read per call, not cached:
 * another node may migrate at any time).
 */
export async function queueTablesPresent(sql: PostgresQueryable): Promise<Set<QueueTable>> {
  const { rows } = await sql.query<{
    jobs: boolean;
    compactions: boolean;
    conversation_extractions: boolean;
  }>(
    `SELECT to_regclass('jobs') IS NOT NULL AS jobs,
            to_regclass('compactions') IS NOT NULL AS compactions,
            to_regclass('conversation_extractions') IS NOT NULL AS conversation_extractions`,
  );
  const row = rows[0];
  const present = new Set<QueueTable>();
  if (row?.jobs) present.add('jobs');
  if (row?.compactions) present.add('compactions');
  if (row?.conversation_extractions) present.add('conversation_extractions');
  return present;
}

/** An ISO-8601 text of a time column, whether the column is text or a timestamp type. */
export function isoText(value: string | Date | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  return value instanceof Date ? value.toISOString() : value;
}

/** A JSON column's value as an object, whether the column is text or jsonb. */
export function jsonObject(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') return JSON.parse(value) as Record<string, unknown>;
  return (value ?? {}) as Record<string, unknown>;
}
