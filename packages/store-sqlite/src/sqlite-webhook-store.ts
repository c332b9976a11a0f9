import type {
  ClaimedDelivery,
  OutboxEvent,
  WebhookDelivery,
  WebhookDeliveryStatus,
  WebhookEndpoint,
  WebhookStore,
} from '@engram/core';
import { OutboxWrites } from './outbox-writes.js';
import type { SqliteHandle } from './sqlite-database.js';
import { type DeliveryRow, type EndpointRow, toDelivery, toEndpoint } from './webhook-rows.js';

/** {@link WebhookStore} on SQLite: `webhook_endpoints` and the `webhook_deliveries` outbox. */
export class SqliteWebhookStore implements WebhookStore {
  private readonly statements;
  private readonly enqueueTransaction: (events: readonly OutboxEvent[]) => number;
  private readonly claimTransaction: (now: string, leaseUntil: string, limit: number) => ClaimedDelivery[];

  constructor(database: SqliteHandle) {
    this.statements = {
      insertEndpoint: database.prepare(`
        INSERT INTO webhook_endpoints (endpoint_id, instance_id, url, events, secret, description, created_at)
        VALUES (@endpointId, @instanceId, @url, @events, @secret, @description, @createdAt)`),
      listEndpoints: database.prepare(
        'SELECT * FROM webhook_endpoints WHERE instance_id = ? ORDER BY created_at, endpoint_id',
      ),
      getEndpoint: database.prepare(
        'SELECT * FROM webhook_endpoints WHERE instance_id = ? AND endpoint_id = ?',
      ),
      deleteEndpoint: database.prepare(
        'DELETE FROM webhook_endpoints WHERE instance_id = ? AND endpoint_id = ?',
      ),
      due: database.prepare(`
        SELECT d.*, e.url, e.secret FROM webhook_deliveries d
        JOIN webhook_endpoints e ON e.endpoint_id = d.endpoint_id
        WHERE d.status = 'pending' AND d.next_attempt_at <= ?
        ORDER BY d.next_attempt_at, d.delivery_id LIMIT ?`),
      lease: database.prepare(
        'UPDATE webhook_deliveries SET next_attempt_at = ?, attempts = attempts + 1 WHERE delivery_id = ?',
      ),
      delivered: database.prepare(`
        UPDATE webhook_deliveries SET status = 'delivered', last_status_code = ?, last_error = NULL, delivered_at = ?
        WHERE delivery_id = ?`),
      failed: database.prepare(`
        UPDATE webhook_deliveries SET status = @status, last_error = @error, last_status_code = @statusCode,
          next_attempt_at = coalesce(@retryAt, next_attempt_at)
        WHERE delivery_id = @deliveryId AND status = 'pending'`),
      listDeliveries: database.prepare(`
        SELECT * FROM webhook_deliveries
        WHERE instance_id = @instanceId
          AND (@endpointId IS NULL OR endpoint_id = @endpointId)
          AND (@status IS NULL OR status = @status)
        ORDER BY created_at DESC, delivery_id DESC LIMIT @limit`),
      getDelivery: database.prepare(
        'SELECT * FROM webhook_deliveries WHERE instance_id = ? AND delivery_id = ?',
      ),
      redeliver: database.prepare(`
        UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?, delivered_at = NULL
        WHERE instance_id = ? AND delivery_id = ?`),
    };
    const outbox = new OutboxWrites(database);
    this.enqueueTransaction = database.transaction((events: readonly OutboxEvent[]) =>
      outbox.enqueue(events),
    );
    this.claimTransaction = database.transaction((now: string, leaseUntil: string, limit: number) => {
      const rows = this.statements.due.all(now, limit) as DeliveryRow[];
      for (const row of rows) this.statements.lease.run(leaseUntil, row.delivery_id);
      return rows.map((row) => ({
        ...toDelivery({ ...row, attempts: row.attempts + 1, next_attempt_at: leaseUntil }),
        url: row.url as string,
        secret: row.secret as string,
      }));
    });
  }

  async createEndpoint(endpoint: WebhookEndpoint): Promise<void> {
    this.statements.insertEndpoint.run({ ...endpoint, events: JSON.stringify(endpoint.events) });
  }

  async listEndpoints(instanceId: string): Promise<WebhookEndpoint[]> {
    return (this.statements.listEndpoints.all(instanceId) as EndpointRow[]).map(toEndpoint);
  }

  async getEndpoint(instanceId: string, endpointId: string): Promise<WebhookEndpoint | undefined> {
    const row = this.statements.getEndpoint.get(instanceId, endpointId) as EndpointRow | undefined;
    return row ? toEndpoint(row) : undefined;
  }

  /** Deliveries go with it (ON DELETE CASCADE). */
  async deleteEndpoint(instanceId: string, endpointId: string): Promise<boolean> {
    return this.statements.deleteEndpoint.run(instanceId, endpointId).changes > 0;
  }

  /** Idempotent per (endpoint, event id): re-publishing an event queues nothing new. */
  async enqueue(events: readonly OutboxEvent[]): Promise<number> {
    return events.length === 0 ? 0 : this.enqueueTransaction(events);
  }

  async claimDue(now: string, leaseUntil: string, limit: number): Promise<ClaimedDelivery[]> {
    return this.claimTransaction(now, leaseUntil, limit);
  }

  async markDelivered(deliveryId: string, statusCode: number, deliveredAt: string): Promise<void> {
    this.statements.delivered.run(statusCode, deliveredAt, deliveryId);
  }

  async markAttemptFailed(
    deliveryId: string,
    error: string,
    statusCode: number | undefined,
    retryAt: string | undefined,
  ): Promise<void> {
    this.statements.failed.run({
      deliveryId,
      error: error.slice(0, 500),
      statusCode: statusCode ?? null,
      retryAt: retryAt ?? null,
      status: retryAt === undefined ? 'failed' : 'pending',
    });
  }

  async listDeliveries(
    instanceId: string,
    filter: { endpointId?: string; status?: WebhookDeliveryStatus; limit: number },
  ): Promise<WebhookDelivery[]> {
    const rows = this.statements.listDeliveries.all({
      instanceId,
      endpointId: filter.endpointId ?? null,
      status: filter.status ?? null,
      limit: filter.limit,
    }) as DeliveryRow[];
    return rows.map(toDelivery);
  }

  async getDelivery(instanceId: string, deliveryId: string): Promise<WebhookDelivery | undefined> {
    const row = this.statements.getDelivery.get(instanceId, deliveryId) as DeliveryRow | undefined;
    return row ? toDelivery(row) : undefined;
  }

  async redeliver(instanceId: string, deliveryId: string, now: string): Promise<boolean> {
    return this.statements.redeliver.run(now, instanceId, deliveryId).changes > 0;
  }
}
