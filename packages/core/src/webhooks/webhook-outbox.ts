import { newUuidV7 } from '../ids/identifiers.js';
import type { Clock } from '../ports/clock.js';
import type { OutboxEvent, WebhookStore } from '../ports/webhook-store.js';
import type { WebhookEventType } from './webhook-events.js';

/** One event to publish: its type and the `data` object receivers get. */
export interface WebhookEventInput {
  instanceId: string;
  type: WebhookEventType;
  data: Record<string, unknown>;
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

  /** Queues `events` in one transaction; resolves once they are durable. */
  async publish(events: readonly WebhookEventInput[]): Promise<void> {
    if (events.length === 0) return;
    const now = this.clock.now();
    const rows: OutboxEvent[] = events.map((event) => {
      const eventId = `evt_${newUuidV7(now.getTime()).replaceAll('-', '')}`;
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
    if ((await this.store.enqueue(rows)) > 0) this.wake();
  }
}
