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
import { type JobRow, toJob } from './job-rows.js';
import { type EdgeRow, type EntityRow, toEntityEdge, toStoredEntity } from './memory-rows.js';
import { type ConversationRow, toConversation } from './sqlite-conversation-store.js';
import type { SqliteHandle } from './sqlite-database.js';

/**
 * {@link OperatorConsoleStore} on SQLite. These are operator reads, a few per
 * page view: they use the instance-first indexes where one exists and
 * otherwise scan one instance's rows, which is fine at console rates and
 * costs the request paths nothing (no new index to maintain on writes).
 */
export class SqliteOperatorConsoleStore implements OperatorConsoleStore {
  private readonly statements;

  constructor(database: SqliteHandle) {
    const count = (sql: string) => database.prepare(sql).pluck();
    this.statements = {
      memories: count('SELECT count(*) FROM memories WHERE instance_id = ?'),
      documents: count('SELECT count(*) FROM documents WHERE instance_id = ?'),
      conversations: count('SELECT count(*) FROM conversations WHERE instance_id = ?'),
      messages: count('SELECT coalesce(sum(message_count), 0) FROM conversations WHERE instance_id = ?'),
      // Scope keys start with the instance id and a slash; the range test walks only its entities.
      entities: count(
        "SELECT count(*) FROM entities WHERE scope_key >= @instanceId || '/' AND scope_key < @instanceId || '0'",
      ),
      jobs: database.prepare('SELECT status, count(*) AS n FROM jobs WHERE instance_id = ? GROUP BY status'),
      owners: database.prepare(`
        SELECT customer_id, user_id, sum(conversations) AS conversations, sum(memories) AS memories FROM (
          SELECT customer_id, user_id, count(*) AS conversations, 0 AS memories
          FROM conversations WHERE instance_id = @instanceId GROUP BY customer_id, user_id
          UNION ALL
          SELECT customer_id, user_id, 0, count(*) FROM memories
          WHERE instance_id = @instanceId AND (user_id IS NOT NULL OR customer_id IS NOT NULL)
          GROUP BY customer_id, user_id)
        WHERE user_id IS NOT NULL OR customer_id IS NOT NULL
        GROUP BY customer_id, user_id
        ORDER BY memories DESC, conversations DESC, customer_id, user_id
        LIMIT @limit`),
      conversationsOf: database.prepare(`
        SELECT * FROM conversations
        WHERE instance_id = @instanceId
          AND (@userId IS NULL OR user_id = @userId)
          AND (@customerId IS NULL OR customer_id = @customerId)
        ORDER BY last_message_at DESC, conversation_id LIMIT @limit`),
      jobsOf: database.prepare(`
        SELECT * FROM jobs WHERE instance_id = @instanceId AND (@status IS NULL OR status = @status)
        ORDER BY queued_at DESC, job_id DESC LIMIT @limit`),
      requeue: database.prepare(`
        UPDATE jobs SET status = 'queued', attempts = 0, worker_id = NULL, lease_until = NULL,
          started_at = NULL, completed_at = NULL
        WHERE instance_id = ? AND job_id = ? AND status IN ('failed', 'partial_success')
        RETURNING *`),
      entitiesOf: database.prepare(
        'SELECT * FROM entities WHERE scope_key = ? ORDER BY mention_count DESC, canonical_name LIMIT ?',
      ),
      edgesOf: database.prepare('SELECT * FROM entity_edges WHERE scope_key = ? ORDER BY edge_id'),
      revokeKey: database.prepare(
        'UPDATE api_keys SET revoked_at = ? WHERE instance_id = ? AND key_id = ? AND revoked_at IS NULL',
      ),
    };
  }

  async usageOf(instanceId: string): Promise<InstanceUsage> {
    const s = this.statements;
    const owners = s.owners.all({ instanceId, limit: -1 }) as OwnerRow[];
    const jobs = await this.countJobs(instanceId);
    return {
      memories: s.memories.get(instanceId) as number,
      documents: s.documents.get(instanceId) as number,
      conversations: s.conversations.get(instanceId) as number,
      messages: s.messages.get(instanceId) as number,
      entities: s.entities.get({ instanceId }) as number,
      users: new Set(owners.filter((o) => o.user_id !== null).map((o) => `${o.customer_id}/${o.user_id}`))
        .size,
      customers: new Set(owners.filter((o) => o.customer_id !== null).map((o) => o.customer_id)).size,
      jobs,
    };
  }

  async countJobs(instanceId: string): Promise<Partial<Record<JobStatus, number>>> {
    const jobs: Partial<Record<JobStatus, number>> = {};
    for (const row of this.statements.jobs.all(instanceId) as { status: JobStatus; n: number }[]) {
      jobs[row.status] = row.n;
    }
    return jobs;
  }

  async listOwners(instanceId: string, limit: number): Promise<KnownOwner[]> {
    return (this.statements.owners.all({ instanceId, limit }) as OwnerRow[]).map((row) => ({
      customerId: row.customer_id ?? undefined,
      userId: row.user_id ?? undefined,
      conversations: row.conversations,
      memories: row.memories,
    }));
  }

  async listConversations(filter: ConversationListFilter): Promise<ConversationRecord[]> {
    const rows = this.statements.conversationsOf.all({
      instanceId: filter.instanceId,
      userId: filter.userId ?? null,
      customerId: filter.customerId ?? null,
      limit: filter.limit,
    }) as ConversationRow[];
    return rows.map(toConversation);
  }

  async listJobs(filter: JobListFilter): Promise<Job[]> {
    const rows = this.statements.jobsOf.all({
      instanceId: filter.instanceId,
      status: filter.status ?? null,
      limit: filter.limit,
    }) as JobRow[];
    return rows.map(toJob);
  }

  async requeueJob(instanceId: string, jobId: string): Promise<Job | undefined> {
    const row = this.statements.requeue.get(instanceId, jobId) as JobRow | undefined;
    return row ? toJob(row) : undefined;
  }

  async graphOfScope(
    scopeKey: string,
    limit: number,
  ): Promise<{ entities: StoredEntity[]; edges: EntityEdge[] }> {
    const entities = (this.statements.entitiesOf.all(scopeKey, limit) as EntityRow[]).map(toStoredEntity);
    const kept = new Set(entities.map((entity) => entity.entityId));
    const edges = (this.statements.edgesOf.all(scopeKey) as EdgeRow[])
      .map(toEntityEdge)
      .filter((edge) => kept.has(edge.subjectEntityId) && kept.has(edge.objectEntityId));
    return { entities, edges };
  }

  async revokeApiKey(instanceId: string, keyId: string, revokedAt: string): Promise<boolean> {
    return this.statements.revokeKey.run(revokedAt, instanceId, keyId).changes === 1;
  }
}

interface OwnerRow {
  customer_id: string | null;
  user_id: string | null;
  conversations: number;
  memories: number;
}
