// A `jobs` row and its domain job: the same columns on SQLite and
// PostgreSQL (text times, JSON text), so both adapters map them with this.
import type { Job, JobKind, JobStatus } from '@engram/core';

/** The columns of a `jobs` row that make its domain job. */
export interface JobRow {
  job_id: string;
  instance_id: string;
  kind: JobKind;
  serial_key: string;
  status: JobStatus;
  payload: string;
  result: string;
  attempts: number;
  error_message: string | null;
  queued_at: string;
  started_at: string | null;
  completed_at: string | null;
}

/** The domain job of a row. */
export function toJob(row: JobRow): Job {
  return {
    jobId: row.job_id,
    instanceId: row.instance_id,
    kind: row.kind,
    serialKey: row.serial_key,
    status: row.status,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    result: JSON.parse(row.result) as Record<string, unknown>,
    attempts: row.attempts,
    errorMessage: row.error_message ?? undefined,
    queuedAt: row.queued_at,
    startedAt: row.started_at ?? undefined,
    completedAt: row.completed_at ?? undefined,
  };
}
