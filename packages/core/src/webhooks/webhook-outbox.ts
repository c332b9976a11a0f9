import { derivedUuid, newUuidV7 } from '../ids/identifiers.js';
import type { Clock } from '../ports/clock.js';
import type { OutboxEvent, WebhookStore } from '../ports/webhook-store.js';
import type { WebhookEventType } from './webhook-events.js';

/** One event to publish: its type and the `data` object receivers get. */
export interface WebhookEventInput {
  instanceId: string;
  type: WebhookEventType;
  data: Record<string, unknown>;
  /**
   * Makes the event id a function of these parts, so publishing the same
   * event again (a job re-run after a crash) queues nothing new; absent, a
   * fresh id.
   */
  idempotencyParts?: readonly string[];
}

/**
 * Writes events to the durable outbox (one row per subscribed endpoint) and
 * wakes the dispatcher. Never sends anything itself, so publishing costs one
 * local write however slow the receivers are.
 */
export class WebhookOutbox {
  constructor(
    private readonly store: WebhookStore,
    private readonly clock: Clock,
    private readonly wake: () => void = () => {},
  ) {}

  /**
   * The event types some endpoint of the instance subscribes to, read from
   * the store now (an endpoint another node created counts at once). Events
   * of other types would queue no delivery, so a publisher may skip building
   * them; an endpoint created after this read gets only later events, as it
   * would had the events been queued a moment earlier.
   */
  async subscribedTypes(instanceId: string): Promise<ReadonlySet<string>> {
    const endpoints = await this.store.listEndpoints(instanceId);
    return new Set(endpoints.flatMap((endpoint) => endpoint.events));
  }

  /** Queues `events` in one transaction; resolves once they are durable. */
  async publish(events: readonly WebhookEventInput[]): Promise<void> {
    if (events.length === 0) return;
    if ((await this.store.enqueue(this.prepare(events))) > 0) this.wake();
  }

  /**
   * The outbox rows of `events`, for a store that writes them in the same
   * transaction as the change they report; call {@link notify} once that
   * committed.
   */
  prepare(events: readonly WebhookEventInput[]): OutboxEvent[] {
    const now = this.clock.now();
    return events.map((event) => {
      const id = event.idempotencyParts
        ? derivedUuid('webhook-event', event.instanceId, event.type, ...event.idempotencyParts)
        : newUuidV7(now.getTime());
      const eventId = `evt_${id.replaceAll('-', '')}`;
      const createdAt = now.toISOString();
      return {
        eventId,
        instanceId: event.instanceId,
        eventType: event.type,
        createdAt,
        body: JSON.stringify({
          id: eventId,
          type: event.type,
          created_at: createdAt,
          instance_id: event.instanceId,
          data: event.data,
        }),
      };
    });
  }

  /** Wakes the dispatcher after prepared events were committed elsewhere. */
  notify(): void {
    this.wake();
  }
}
