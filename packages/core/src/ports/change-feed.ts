/**
 * A change another process committed that per-process caches must drop:
 * the memories of a scope, an instance's configuration, or an instance's
 * settings (rate limits, compaction threshold). `resync` means changes may
 * have been missed (the feed reconnected): drop everything.
 */
export type StoreChange =
  | { kind: 'scope'; scopeKey: string }
  | { kind: 'instance-config'; instanceId: string }
  | { kind: 'instance-settings'; instanceId: string }
  | { kind: 'resync' };

/**
 * Committed changes of a store shared by several processes, pushed to each
 * process (PostgreSQL: LISTEN/NOTIFY), so caches keyed by what they read
 * are dropped at once instead of at the end of a lifetime. Delivery is
 * after commit and asynchronous: a read that starts within the delivery
 * time (milliseconds) of another node's commit may still see a cached
 * answer. Every change is reported, this process's own included; a change
 * may be reported more than once.
 */
export interface ChangeFeed {
  /**
   * Calls `listener` for every change from now on (its throws are
   * ignored). Returns the unsubscribe function. The first subscription
   * opens the feed's connection.
   */
  subscribe(listener: (change: StoreChange) => void): () => void;
}
