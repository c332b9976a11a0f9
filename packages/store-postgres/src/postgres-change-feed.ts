import type { ChangeFeed, StoreChange } from '@engram/core';
import pg from 'pg';

/** The channel migration 011's triggers notify. */
export const CHANGE_CHANNEL = 'engram_changes';

/** Options of {@link PostgresChangeFeed}. */
export interface PostgresChangeFeedOptions {
  /** First wait before reconnecting a lost connection (default 250 ms), doubled up to 10 s. */
  reconnectBaseMs?: number;
}

/** The change a notification payload names, or undefined for one this version does not know. */
export function changeOfPayload(payload: string | undefined): StoreChange | undefined {
  const space = payload?.indexOf(' ') ?? -1;
  if (payload === undefined || space <= 0) return undefined;
  const kind = payload.slice(0, space);
  const key = payload.slice(space + 1);
  if (kind === 'scope') return { kind: 'scope', scopeKey: key };
  if (kind === 'config') return { kind: 'instance-config', instanceId: key };
  if (kind === 'settings') return { kind: 'instance-settings', instanceId: key };
  return undefined;
}

/**
 * {@link ChangeFeed} over LISTEN/NOTIFY: one connection of its own (outside
 * the pool, which would hand it to queries) listening on
 * {@link CHANGE_CHANNEL}. A lost connection (database restart, network) is
 * reopened with back-off, and a `resync` change is reported once it is
 * back, since notifications sent meanwhile are lost: listeners drop
 * everything they hold. Opened on the first subscription, so processes
 * that cache nothing (the CLI, workers) hold no extra connection.
 */
export class PostgresChangeFeed implements ChangeFeed {
  private readonly listeners = new Set<(change: StoreChange) => void>();
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private closed = false;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    private readonly options: PostgresChangeFeedOptions = {},
  ) {}

  subscribe(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener);
    if (this.client === undefined && this.connecting === undefined && !this.closed) this.connect(false);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once the feed listens (for tests and start-up); at once when closed. */
  async ready(): Promise<void> {
    for (;;) {
      if (this.closed || this.client !== undefined) return;
      await (this.connecting ?? new Promise((resolve) => setTimeout(resolve, 20)));
    }
  }

  /** Ends the connection and any reconnection; idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private connect(reconnected: boolean): void {
    const client = new pg.Client({
      connectionString: this.url,
      application_name: 'engram-changes',
      // A peer that vanished without closing the socket is noticed, and the feed reconnects.
      keepAlive: true,
    });
    const lost = () => {
      if (this.client === client) this.client = undefined;
      client.removeAllListeners();
      client.on('error', () => {});
      void client.end().catch(() => undefined);
      this.retry();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (message) => {
      if (message.channel !== CHANGE_CHANNEL) return;
      const change = changeOfPayload(message.payload);
      if (change !== undefined) this.emit(change);
    });
    this.connecting = (async () => {
      try {
        await client.connect();
        await client.query(`LISTEN ${CHANGE_CHANNEL}`);
        if (this.closed) {
          this.connecting = undefined;
          await client.end();
          return;
        }
        this.client = client;
        this.failures = 0;
        if (reconnected) this.emit({ kind: 'resync' });
        this.connecting = undefined;
      } catch {
        this.connecting = undefined;
        lost();
      }
    })();
  }

  private retry(): void {
    if (this.closed || this.retryTimer !== undefined || this.connecting !== undefined) return;
    const base = this.options.reconnectBaseMs ?? 250;
    const delay = Math.min(10_000, base * 2 ** this.failures);
    this.failures += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.closed) this.connect(true);
    }, delay);
    this.retryTimer.unref();
  }

  private emit(change: StoreChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch {
        // A listener's failure must not stop the others or the feed.
      }
    }
  }
}
