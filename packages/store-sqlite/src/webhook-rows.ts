// Rows of the webhook tables and their domain values: the same columns on
// SQLite and PostgreSQL, so both adapters map them with these functions.
import type { WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint, WebhookEventType } from '@engram/core';

/** A `webhook_endpoints` row (the same columns on every store). */
export interface EndpointRow {
  endpoint_id: string;
  instance_id: string;
  url: string;
  events: string;
  secret: string;
  description: string;
  created_at: string;
}

/** A `webhook_deliveries` row; `url` and `secret` joined in by a claim. */
export interface DeliveryRow {
  delivery_id: string;
  endpoint_id: string;
  instance_id: string;
  event_id: string;
  event_type: string;
  body: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  last_status_code: number | null;
  created_at: string;
  delivered_at: string | null;
  url?: string;
  secret?: string;
}

/** The domain endpoint of a row. */
export function toEndpoint(row: EndpointRow): WebhookEndpoint {
  return {
    endpointId: row.endpoint_id,
    instanceId: row.instance_id,
    url: row.url,
    events: JSON.parse(row.events) as WebhookEventType[],
    secret: row.secret,
    description: row.description,
    createdAt: row.created_at,
  };
}

/** The domain delivery of a row. */
export function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    deliveryId: row.delivery_id,
    endpointId: row.endpoint_id,
    instanceId: row.instance_id,
    eventId: row.event_id,
    eventType: row.event_type as WebhookEventType,
    body: row.body,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error ?? undefined,
    lastStatusCode: row.last_status_code ?? undefined,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at ?? undefined,
  };
}
