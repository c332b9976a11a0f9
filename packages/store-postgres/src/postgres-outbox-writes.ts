import { newUuidV7, type OutboxEvent } from '@engram/core';
import { insertRows } from './bulk-insert.js';
import type { PostgresQueryable } from './postgres-pool.js';

/**
 * Queues `events` for every endpoint of their instance subscribed to their
 * type, on `sql` — a connection inside the caller's transaction, so an event
 * is durable exactly when the change it reports is (decisions 0031, 0039).
 * Unique on (endpoint, event id): writing an event twice queues it once.
 * Returns the number of deliveries queued.
 */
export async function enqueueOutboxEvents(
  sql: PostgresQueryable,
  events: readonly OutboxEvent[],
): Promise<number> {
  if (events.length === 0) return 0;
  const instances = [...new Set(events.map((event) => event.instanceId))];
  const { rows: endpoints } = await sql.query<{ endpoint_id: string; instance_id: string; events: string }>(
    'SELECT endpoint_id, instance_id, events FROM webhook_endpoints WHERE instance_id = ANY($1::text[])',
    [instances],
  );
  if (endpoints.length === 0) return 0;
  const subscribed = endpoints.map((endpoint) => ({
    ...endpoint,
    types: new Set(JSON.parse(endpoint.events) as string[]),
  }));
  const rows: unknown[][] = [];
  for (const event of events) {
    for (const endpoint of subscribed) {
      if (endpoint.instance_id !== event.instanceId || !endpoint.types.has(event.eventType)) continue;
      rows.push([
        `dlv_${newUuidV7().replaceAll('-', '')}`,
        endpoint.endpoint_id,
        event.instanceId,
        event.eventId,
        event.eventType,
        event.body,
        'pending',
        event.createdAt,
        event.createdAt,
      ]);
    }
  }
  const inserted = await insertRows<{ delivery_id: string }>(
    sql,
    'webhook_deliveries',
    [
      'delivery_id',
      'endpoint_id',
      'instance_id',
      'event_id',
      'event_type',
      'body',
      'status',
      'next_attempt_at',
      'created_at',
    ],
    rows,
    { suffix: 'ON CONFLICT (endpoint_id, event_id) DO NOTHING RETURNING delivery_id' },
  );
  return inserted.length;
}
