import type {
  ConversationListFilter,
  ConversationRecord,
  EntityEdge,
  InstanceUsage,
  Job,
  JobListFilter,
  JobStatus,
  KnownOwner,
  OperatorConsoleStore,
  StoredEntity,
} from '@engram/core';
import {
  type EdgeRow,
  type EntityRow,
  type JobRow,
  toEntityEdge,
  toJob,
  toStoredEntity,
} from '@engram/store-sqlite/portable';
import { type ConversationRow, toConversation } from './postgres-conversation-store.js';
import type { PostgresDatabase } from './postgres-pool.js';

interface OwnerRow {
  customer_id: string | null;
  user_id: string | null;
  conversations: number;
  memories: number;
}

/** Users and customers of conversations and memories, most memories first (`$2` NULL: no limit). */
const OWNERS_SQL = `
  SELECT customer_id, user_id, sum(conversations)::bigint AS conversations, sum(memories)::bigint AS memories FROM (
    SELECT customer_id, user_id, count(*) AS conversations, 0 AS memories
    FROM conversations WHERE instance_id = $1 GROUP BY customer_id, user_id
    UNION ALL
    SELECT customer_id, user_id, 0, count(*) FROM memories
    WHERE instance_id = $1 AND (user_id IS NOT NULL OR customer_id IS NOT NULL)
    GROUP BY customer_id, user_id) AS owners
  WHERE user_id IS NOT NULL OR customer_id IS NOT NULL
  GROUP BY customer_id, user_id
  ORDER BY memories DESC, conversations DESC, customer_id NULLS FIRST, user_id NULLS FIRST
  LIMIT $2`;

/**
 * {@link OperatorConsoleStore} on PostgreSQL: the same reads as on SQLite,
 * instance-first indexes where one exists, else a scan of one instance's
 * rows (console rates only). The job listings read the queue's `jobs` table
 * and answer empty where its migration has not run.
 */
export class PostgresOperatorConsoleStore implements OperatorConsoleStore {
  constructor(private readonly database: PostgresDatabase) {}

  async usageOf(instanceId: string): Promise<InstanceUsage> {
    const count = async (sql: string, values: unknown[]) =>
      (await this.database.query<{ n: number }>(sql, values)).rows[0]?.n ?? 0;
    const [owners, jobs, memories, documents, conversations, messages, entities] = await Promise.all([
      this.database.query<OwnerRow>(OWNERS_SQL, [instanceId, null]).then((result) => result.rows),
      this.countJobs(instanceId),
      count('SELECT count(*) AS n FROM memories WHERE instance_id = $1', [instanceId]),
      count('SELECT count(*) AS n FROM documents WHERE instance_id = $1', [instanceId]),
      count('SELECT count(*) AS n FROM conversations WHERE instance_id = $1', [instanceId]),
      count('SELECT coalesce(sum(message_count), 0)::bigint AS n FROM conversations WHERE instance_id = $1', [
        instanceId,
      ]),
      // Scope keys start with the instance id and a slash; the range walks only its entities.
      count("SELECT count(*) AS n FROM entities WHERE scope_key >= $1 || '/' AND scope_key < $1 || '0'", [
        instanceId,
      ]),
    ]);
    return {
      memories,
      documents,
      conversations,
      messages,
      entities,
      users: new Set(owners.filter((o) => o.user_id !== null).map((o) => `${o.customer_id}/${o.user_id}`))
        .size,
      customers: new Set(owners.filter((o) => o.customer_id !== null).map((o) => o.customer_id)).size,
      jobs,
    };
  }

  async countJobs(instanceId: string): Promise<Partial<Record<JobStatus, number>>> {
    const jobs: Partial<Record<JobStatus, number>> = {};
    const { rows } = await this.database.query<{ status: JobStatus; n: number }>(
      'SELECT status, count(*) AS n FROM jobs WHERE instance_id = $1 GROUP BY status',
      [instanceId],
    );
    for (const row of rows) jobs[row.status] = row.n;
    return jobs;
  }

  async listOwners(instanceId: string, limit: number): Promise<KnownOwner[]> {
    const { rows } = await this.database.query<OwnerRow>(OWNERS_SQL, [instanceId, limit]);
    return rows.map((row) => ({
      customerId: row.customer_id ?? undefined,
      userId: row.user_id ?? undefined,
      conversations: row.conversations,
      memories: row.memories,
    }));
  }

  async listConversations(filter: ConversationListFilter): Promise<ConversationRecord[]> {
    const { rows } = await this.database.query<ConversationRow>(
      `SELECT * FROM conversations
       WHERE instance_id = $1 AND ($2::text IS NULL OR user_id = $2) AND ($3::text IS NULL OR customer_id = $3)
       ORDER BY last_message_at DESC, conversation_id LIMIT $4`,
      [filter.instanceId, filter.userId ?? null, filter.customerId ?? null, filter.limit],
    );
    return rows.map(toConversation);
  }

  async listJobs(filter: JobListFilter): Promise<Job[]> {
    const { rows } = await this.database.query<JobRow>(
      `SELECT * FROM jobs WHERE instance_id = $1 AND ($2::text IS NULL OR status = $2)
       ORDER BY queued_at DESC, job_id DESC LIMIT $3`,
      [filter.instanceId, filter.status ?? null, filter.limit],
    );
    return rows.map(toJob);
  }

  async requeueJob(instanceId: string, jobId: string): Promise<Job | undefined> {
    const { rows } = await this.database.query<JobRow>(
      `UPDATE jobs SET status = 'queued', attempts = 0, worker_id = NULL, lease_until = NULL,
         started_at = NULL, completed_at = NULL
       WHERE instance_id = $1 AND job_id = $2 AND status IN ('failed', 'partial_success')
       RETURNING *`,
      [instanceId, jobId],
    );
    return rows[0] ? toJob(rows[0]) : undefined;
  }

  async graphOfScope(
    scopeKey: string,
    limit: number,
  ): Promise<{ entities: StoredEntity[]; edges: EntityEdge[] }> {
    const { rows: entityRows } = await this.database.query<EntityRow>(
      'SELECT * FROM entities WHERE scope_key = $1 ORDER BY mention_count DESC, canonical_name LIMIT $2',
      [scopeKey, limit],
    );
    const entities = entityRows.map(toStoredEntity);
    const kept = new Set(entities.map((entity) => entity.entityId));
    const { rows: edgeRows } = await this.database.query<EdgeRow>(
      'SELECT * FROM entity_edges WHERE scope_key = $1 ORDER BY edge_id',
      [scopeKey],
    );
    const edges = edgeRows
      .map(toEntityEdge)
      .filter((edge) => kept.has(edge.subjectEntityId) && kept.has(edge.objectEntityId));
    return { entities, edges };
  }

  async revokeApiKey(instanceId: string, keyId: string, revokedAt: string): Promise<boolean> {
    const { rowCount } = await this.database.query(
      'UPDATE api_keys SET revoked_at = $1 WHERE instance_id = $2 AND key_id = $3 AND revoked_at IS NULL',
      [revokedAt, instanceId, keyId],
    );
    return rowCount === 1;
  }
}
