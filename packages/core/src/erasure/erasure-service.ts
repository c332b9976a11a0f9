import { EngramError } from '../errors/engram-error.js';
import type { Clock } from '../ports/clock.js';
import type { ErasureReport, ErasureStore, ErasureSubject } from '../ports/erasure-store.js';
import type { OutboxEvent } from '../ports/webhook-store.js';

/** Called for each scope an erasure touched, so caches of it are dropped. */
export type ErasedScopeListener = (instanceId: string, scopeKey: string) => void;

/** Options of {@link ErasureService}. */
export interface ErasureServiceOptions {
  store: ErasureStore;
  clock: Clock;
  onChanged?: ErasedScopeListener;
  /**
   * Milliseconds from an erasure to the purge of the files (merging the
   * full-text index costs time in its size, so erasures in a burst share
   * one); default 1,000.
   */
  purgeDelayMs?: number;
  /** Told when a purge failed; it is retried on the next erasure or at {@link ErasureService.flush}. */
  onPurgeError?: (error: unknown) => void;
}

/**
 * Erasure of memories, documents, users and customers. The rows go at once,
 * atomically, and caches of the touched scopes are dropped; the files are
 * purged of the text shortly after (one purge per burst of erasures), and at
 * {@link flush}, which the server calls when it stops.
 */
export class ErasureService {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private purging: Promise<void> = Promise.resolve();

  constructor(private readonly options: ErasureServiceOptions) {}

  /**
   * Erases one memory (and its document when it was the last one); NOT_FOUND
   * when absent. `events` are written to the webhook outbox in the erasure's
   * transaction.
   */
  async eraseMemory(
    instanceId: string,
    memoryId: string,
    events: readonly OutboxEvent[] = [],
  ): Promise<ErasureReport & { erasedAt: string }> {
    const erasedAt = this.options.clock.now().toISOString();
    const report = await this.options.store.eraseMemory(instanceId, memoryId, erasedAt, events);
    if (report === undefined) throw new EngramError('NOT_FOUND', `no memory with id ${memoryId}`);
    return { ...this.erased(instanceId, report), erasedAt };
  }

  /** Erases a document and everything drawn from it; idempotent. */
  async eraseDocument(instanceId: string, documentId: string): Promise<ErasureReport> {
    const erasedAt = this.options.clock.now().toISOString();
    return this.erased(instanceId, await this.options.store.eraseDocument(instanceId, documentId, erasedAt));
  }

  /** Erases everything of a user or a customer; idempotent. INVALID_INPUT when it names neither. */
  async eraseSubject(instanceId: string, subject: ErasureSubject): Promise<ErasureReport> {
    const named = (value: unknown) => typeof value === 'string' && value !== '';
    // Neither id would match every row of the instance: never an erasure anyone meant.
    if (!named(subject.userId) && !named(subject.customerId)) {
      throw new EngramError('INVALID_INPUT', 'an erasure names a user_id or a customer_id');
    }
    const erasedAt = this.options.clock.now().toISOString();
    return this.erased(instanceId, await this.options.store.eraseSubject(instanceId, subject, erasedAt));
  }

  /** Purges the files now (cancelling a scheduled purge) and waits for it. */
  async flush(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await this.purging;
    await this.purgeNow();
  }

  private erased(instanceId: string, report: ErasureReport): ErasureReport {
    for (const scopeKey of report.scopeKeys) this.options.onChanged?.(instanceId, scopeKey);
    this.schedulePurge();
    return report;
  }

  private schedulePurge(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.purging = this.purging.then(() => this.purgeNow());
    }, this.options.purgeDelayMs ?? 1_000);
    this.timer.unref?.();
  }

  private async purgeNow(): Promise<void> {
    try {
      // A busy log (readers inside a snapshot) is emptied by the next purge.
      if (!(await this.options.store.purge())) this.schedulePurge();
    } catch (error) {
      this.options.onPurgeError?.(error);
    }
  }
}
