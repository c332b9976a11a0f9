import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { ClaimedDelivery, WebhookStore } from '../ports/webhook-store.js';
import { SIGNATURE_HEADER, signWebhook } from './webhook-signature.js';

/** Sends one HTTP POST; resolves with the status, rejects on network failure or timeout. */
export type WebhookTransport = (request: {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}) => Promise<{ status: number }>;

/** Options of {@link WebhookDispatcher}. */
export interface WebhookDispatcherOptions {
  store: WebhookStore;
  transport: WebhookTransport;
  clock: Clock;
  logger: Logger;
  /** Longest wait for one receiver's answer. */
  timeoutMs?: number;
  /** Idle poll between batches when nothing woke the dispatcher. */
  pollMs?: number;
  /** First retry delay; each later one doubles it (with jitter), up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Attempts before a delivery is given up as `failed` (redeliver puts it back). */
  maxAttempts?: number;
  /** Deliveries sent at once. */
  concurrency?: number;
}

/**
 * The background sender. Claims due outbox rows under a lease (so a process
 * killed mid-delivery leaves rows that are claimed again), signs each with
 * its endpoint's secret, and records the outcome: 2xx delivered, anything
 * else retried with exponential back-off (defaults: 10 s doubling to 1 h,
 * 15 attempts, about 9 hours) then `failed`. Runs off the request path:
 * a slow or dead receiver costs the API nothing.
 */
export class WebhookDispatcher {
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private readonly settings;

  constructor(private readonly options: WebhookDispatcherOptions) {
    this.settings = {
      timeoutMs: options.timeoutMs ?? 10_000,
      pollMs: options.pollMs ?? 1_000,
      baseDelayMs: options.baseDelayMs ?? 10_000,
      maxDelayMs: options.maxDelayMs ?? 3_600_000,
      maxAttempts: options.maxAttempts ?? 15,
      concurrency: options.concurrency ?? 8,
    };
  }

  /** Starts the loop. Idempotent. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Ends the idle wait (new events were queued). */
  wake(): void {
    this.wakeUp?.();
  }

  /** Stops claiming and waits for attempts in flight. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake();
    await this.loop;
  }

  /** The delay before attempt `attempts + 1`, in milliseconds. */
  retryDelayMs(attempts: number): number {
    const exponential = this.settings.baseDelayMs * 2 ** Math.max(0, attempts - 1);
    const capped = Math.min(this.settings.maxDelayMs, exponential);
    // ±20 % jitter: receivers that come back are not hit by every retry at once.
    return Math.round(capped * (0.8 + Math.random() * 0.4));
  }

  private async run(): Promise<void> {
    // A pool, not batches: one slow receiver holds one slot, never the deliveries behind it.
    const inFlight = new Set<Promise<void>>();
    while (this.running) {
      const free = this.settings.concurrency - inFlight.size;
      if (free === 0) {
        await Promise.race(inFlight);
        continue;
      }
      let claimed: ClaimedDelivery[] = [];
      try {
        const now = this.options.clock.now();
        const leaseUntil = new Date(now.getTime() + this.settings.timeoutMs * 2);
        claimed = await this.options.store.claimDue(now.toISOString(), leaseUntil.toISOString(), free);
      } catch (error) {
        this.options.logger.error('webhook-claim-failed', { error: String(error) });
      }
      for (const delivery of claimed) {
        const attempt: Promise<void> = this.attempt(delivery).finally(() => inFlight.delete(attempt));
        inFlight.add(attempt);
      }
      if (claimed.length === 0) await this.idle();
    }
    await Promise.allSettled(inFlight);
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.settings.pollMs);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wakeUp = undefined;
        resolve();
      }
      this.wakeUp = done;
    });
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const { store, transport, clock, logger } = this.options;
    const timestamp = Math.floor(clock.now().getTime() / 1000);
    let statusCode: number | undefined;
    let error: string | undefined;
    try {
      const response = await transport({
        url: delivery.url,
        body: delivery.body,
        timeoutMs: this.settings.timeoutMs,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Engram-Webhooks/1',
          'engram-event-id': delivery.eventId,
          'engram-event-type': delivery.eventType,
          'engram-delivery-id': delivery.deliveryId,
          'engram-timestamp': String(timestamp),
          [SIGNATURE_HEADER.toLowerCase()]: signWebhook(delivery.secret, timestamp, delivery.body),
        },
      });
      statusCode = response.status;
      if (statusCode < 200 || statusCode >= 300) error = `receiver answered ${statusCode}`;
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
    }
    try {
      if (error === undefined) {
        await store.markDelivered(delivery.deliveryId, statusCode as number, clock.now().toISOString());
        return;
      }
      const giveUp = delivery.attempts >= this.settings.maxAttempts;
      const retryAt = giveUp
        ? undefined
        : new Date(clock.now().getTime() + this.retryDelayMs(delivery.attempts)).toISOString();
      await store.markAttemptFailed(delivery.deliveryId, error, statusCode, retryAt);
      logger.warn('webhook-attempt-failed', {
        delivery_id: delivery.deliveryId,
        attempts: delivery.attempts,
        status: statusCode,
        given_up: giveUp,
      });
    } catch (failure) {
      // The lease ends and the delivery is claimed again: at-least-once still holds.
      logger.error('webhook-record-failed', { delivery_id: delivery.deliveryId, error: String(failure) });
    }
  }
}
