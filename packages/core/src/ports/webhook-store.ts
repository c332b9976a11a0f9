import type { WebhookEventType } from '../webhooks/webhook-events.js';

/** A receiver registered by an operator for one instance. */
export interface WebhookEndpoint {
  endpointId: string;
  instanceId: string;
  url: string;
  /** Events delivered to it; an event of another type is never queued for it. */
  events: WebhookEventType[];
  /** HMAC-SHA256 key (`whsec_…`); kept in clear because every delivery is signed with it. */
  secret: string;
  description: string;
  createdAt: string;
}

/** Where one event stands with one endpoint. */
export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One event queued for one endpoint: the outbox row, and its log. */
export interface WebhookDelivery {
  deliveryId: string;
  endpointId: string;
  instanceId: string;
  /** The idempotency id receivers de-duplicate on; the same for every retry and redelivery. */
  eventId: string;
  eventType: WebhookEventType;
  /** The exact JSON body sent (and signed). */
  body: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  /** When it may next be tried; while an attempt runs, the end of that attempt's lease. */
  nextAttemptAt: string;
  lastError: string | undefined;
  /** HTTP status of the last attempt, when it got one. */
  lastStatusCode: number | undefined;
  createdAt: string;
  deliveredAt: string | undefined;
}

/** One event to fan out to the instance's subscribed endpoints. */
export interface OutboxEvent {
  eventId: string;
  instanceId: string;
  eventType: WebhookEventType;
  body: string;
  createdAt: string;
}

/** A claimed delivery with what sending it needs. */
export interface ClaimedDelivery extends WebhookDelivery {
  url: string;
  secret: string;
}

/**
 * Endpoints and the durable delivery outbox. Deliveries survive restarts:
 * one claimed by a process that died is claimed again once its lease ends
 * (at-least-once; receivers de-duplicate on `eventId`).
 */
export interface WebhookStore {
  createEndpoint(endpoint: WebhookEndpoint): Promise<void>;
  /** Oldest first. */
  listEndpoints(instanceId: string): Promise<WebhookEndpoint[]>;
  getEndpoint(instanceId: string, endpointId: string): Promise<WebhookEndpoint | undefined>;
  /** Removes the endpoint and its pending deliveries; false when absent. */
  deleteEndpoint(instanceId: string, endpointId: string): Promise<boolean>;
  /**
   * Queues each event for every endpoint of its instance subscribed to its
   * type, all in one transaction; returns the number of deliveries queued.
   */
  enqueue(events: readonly OutboxEvent[]): Promise<number>;
  /**
   * Atomically takes up to `limit` pending deliveries due at `now`, oldest
   * first, moving their `nextAttemptAt` to `leaseUntil` and counting the attempt.
   */
  claimDue(now: string, leaseUntil: string, limit: number): Promise<ClaimedDelivery[]>;
  /** Records a 2xx answer. */
  markDelivered(deliveryId: string, statusCode: number, deliveredAt: string): Promise<void>;
  /** Records a failed attempt: retried at `retryAt`, or given up (`failed`) when undefined. */
  markAttemptFailed(
    deliveryId: string,
    error: string,
    statusCode: number | undefined,
    retryAt: string | undefined,
  ): Promise<void>;
  /** Newest first, optionally of one endpoint or status. */
  listDeliveries(
    instanceId: string,
    filter: { endpointId?: string; status?: WebhookDeliveryStatus; limit: number },
  ): Promise<WebhookDelivery[]>;
  getDelivery(instanceId: string, deliveryId: string): Promise<WebhookDelivery | undefined>;
  /** Puts a delivery back in the queue, due at `now` (attempts continue counting); false when absent. */
  redeliver(instanceId: string, deliveryId: string, now: string): Promise<boolean>;
}
