import type {
  ClaimedDelivery,
  OutboxEvent,
  WebhookDelivery,
  WebhookDeliveryStatus,
  WebhookEndpoint,
  WebhookStore,
} from '@engram/core';
import { type DeliveryRow, type EndpointRow, toDelivery, toEndpoint } from '@engram/store-sqlite/portable';
import { enqueueOutboxEvents } from './postgres-outbox-writes.js';
import type { PostgresDatabase } from './postgres-pool.js';

/**
 * {@link WebhookStore} on PostgreSQL: `webhook_endpoints` and the
 * `webhook_deliveries` outbox, shared by every node. The claim is one
 * `UPDATE … WHERE delivery_id IN (SELECT … FOR UPDATE SKIP LOCKED)`: two
 * dispatchers on two nodes never take the same delivery, and neither waits
 * on the rows the other holds.
 */
export class PostgresWebhookStore implements WebhookStore {
  constructor(private readonly database: PostgresDatabase) {}

  async createEndpoint(endpoint: WebhookEndpoint): Promise<void> {
    await this.database.query(
      `INSERT INTO webhook_endpoints (endpoint_id, instance_id, url, events, secret, description, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        endpoint.endpointId,
        endpoint.instanceId,
        endpoint.url,
        JSON.stringify(endpoint.events),
        endpoint.secret,
        endpoint.description,
        endpoint.createdAt,
      ],
      'a webhook endpoint with this id already exists',
    );
  }

  async listEndpoints(instanceId: string): Promise<WebhookEndpoint[]> {
    const { rows } = await this.database.query<EndpointRow>(
      'SELECT * FROM webhook_endpoints WHERE instance_id = $1 ORDER BY created_at, endpoint_id',
      [instanceId],
    );
    return rows.map(toEndpoint);
  }

  async getEndpoint(instanceId: string, endpointId: string): Promise<WebhookEndpoint | undefined> {
    const { rows } = await this.database.query<EndpointRow>(
      'SELECT * FROM webhook_endpoints WHERE instance_id = $1 AND endpoint_id = $2',
      [instanceId, endpointId],
    );
    return rows[0] ? toEndpoint(rows[0]) : undefined;
  }

  /** Deliveries go with it (ON DELETE CASCADE). */
  async deleteEndpoint(instanceId: string, endpointId: string): Promise<boolean> {
    const { rowCount } = await this.database.query(
      'DELETE FROM webhook_endpoints WHERE instance_id = $1 AND endpoint_id = $2',
      [instanceId, endpointId],
    );
    return (rowCount ?? 0) > 0;
  }

  /** Idempotent per (endpoint, event id): re-publishing an event queues nothing new. */
  async enqueue(events: readonly OutboxEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    return this.database.transaction((sql) => enqueueOutboxEvents(sql, events));
  }

  async claimDue(now: string, leaseUntil: string, limit: number): Promise<ClaimedDelivery[]> {
    const { rows } = await this.database.query<DeliveryRow & { due_at: string }>(
      `WITH due AS (
         SELECT delivery_id, next_attempt_at AS due_at FROM webhook_deliveries
         WHERE status = 'pending' AND next_attempt_at <= $1
         ORDER BY next_attempt_at, delivery_id LIMIT $3
         FOR UPDATE SKIP LOCKED
       )
       UPDATE webhook_deliveries AS d SET next_attempt_at = $2, attempts = d.attempts + 1
       FROM due, webhook_endpoints AS e
       WHERE d.delivery_id = due.delivery_id AND e.endpoint_id = d.endpoint_id
       RETURNING d.*, e.url, e.secret, due.due_at`,
      [now, leaseUntil, limit],
    );
    // UPDATE … RETURNING keeps no order: back to due order (as claimed).
    return rows
      .sort((left, right) =>
        left.due_at === right.due_at
          ? left.delivery_id < right.delivery_id
            ? -1
            : 1
          : left.due_at < right.due_at
            ? -1
            : 1,
      )
      .map((row) => ({ ...toDelivery(row), url: row.url as string, secret: row.secret as string }));
  }

  async markDelivered(deliveryId: string, statusCode: number, deliveredAt: string): Promise<void> {
    await this.database.query(
      `UPDATE webhook_deliveries SET status = 'delivered', last_status_code = $1, last_error = NULL, delivered_at = $2
       WHERE delivery_id = $3`,
      [statusCode, deliveredAt, deliveryId],
    );
  }

  async markAttemptFailed(
    deliveryId: string,
    error: string,
    statusCode: number | undefined,
    retryAt: string | undefined,
  ): Promise<void> {
    await this.database.query(
      `UPDATE webhook_deliveries SET status = $1, last_error = $2, last_status_code = $3,
         next_attempt_at = coalesce($4, next_attempt_at)
       WHERE delivery_id = $5 AND status = 'pending'`,
      [
        retryAt === undefined ? 'failed' : 'pending',
        error.slice(0, 500),
        statusCode ?? null,
        retryAt ?? null,
        deliveryId,
      ],
    );
  }

  async listDeliveries(
    instanceId: string,
    filter: { endpointId?: string; status?: WebhookDeliveryStatus; limit: number },
  ): Promise<WebhookDelivery[]> {
    const { rows } = await this.database.query<DeliveryRow>(
      `SELECT * FROM webhook_deliveries
       WHERE instance_id = $1 AND ($2::text IS NULL OR endpoint_id = $2) AND ($3::text IS NULL OR status = $3)
       ORDER BY created_at DESC, delivery_id DESC LIMIT $4`,
      [instanceId, filter.endpointId ?? null, filter.status ?? null, filter.limit],
    );
    return rows.map(toDelivery);
  }

  async getDelivery(instanceId: string, deliveryId: string): Promise<WebhookDelivery | undefined> {
    const { rows } = await this.database.query<DeliveryRow>(
      'SELECT * FROM webhook_deliveries WHERE instance_id = $1 AND delivery_id = $2',
      [instanceId, deliveryId],
    );
    return rows[0] ? toDelivery(rows[0]) : undefined;
  }

  async redeliver(instanceId: string, deliveryId: string, now: string): Promise<boolean> {
    const { rowCount } = await this.database.query(
      `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = $1, delivered_at = NULL
       WHERE instance_id = $2 AND delivery_id = $3`,
      [now, instanceId, deliveryId],
    );
    return (rowCount ?? 0) > 0;
  }
}
