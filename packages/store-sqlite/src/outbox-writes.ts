import { newUuidV7, type OutboxEvent } from '@engram/core';
import type { SqliteHandle } from './sqlite-database.js';

/**
 * The outbox insert, as synchronous statements that any store runs inside
 * its own transaction, so an event is durable exactly when the change it
 * reports is (decision 0031). One row per endpoint of the event's instance
 * subscribed to its type; unique on (endpoint, event id), so writing an
 * event twice queues it once.
 */
export class OutboxWrites {
  private readonly endpointsOf;
  private readonly insertDelivery;

  constructor(database: SqliteHandle) {
    this.endpointsOf = database.prepare(
      'SELECT endpoint_id, events FROM webhook_endpoints WHERE instance_id = ?',
    );
    this.insertDelivery = database.prepare(`
      INSERT OR IGNORE INTO webhook_deliveries
        (delivery_id, endpoint_id, instance_id, event_id, event_type, body, status, next_attempt_at, created_at)
      VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)`);
  }

  /** Queues the events; returns the number of deliveries queued. Call inside a transaction. */
  enqueue(events: readonly OutboxEvent[]): number {
    let queued = 0;
    const endpoints = new Map<string, { endpoint_id: string; events: string }[]>();
    for (const event of events) {
      let subscribed = endpoints.get(event.instanceId);
      if (!subscribed) {
        subscribed = this.endpointsOf.all(event.instanceId) as { endpoint_id: string; events: string }[];
        endpoints.set(event.instanceId, subscribed);
      }
      for (const endpoint of subscribed) {
        if (!(JSON.parse(endpoint.events) as string[]).includes(event.eventType)) continue;
        queued += this.insertDelivery.run(
          `dlv_${newUuidV7().replaceAll('-', '')}`,
          endpoint.endpoint_id,
          event.instanceId,
          event.eventId,
          event.eventType,
          event.body,
          event.createdAt,
          event.createdAt,
        ).changes;
      }
    }
    return queued;
  }
}
