import type { OutboxEvent } from './webhook-store.js';
/** Whose data an erasure covers: a user (optionally of one customer) or a whole customer. */
export type ErasureSubject =
  | { userId: string; customerId?: string }
  | { customerId: string; userId?: undefined };

/** What an erasure removed, and the scope keys whose caches must be dropped. */
export interface ErasureReport {
  memories: number;
  documents: number;
  conversations: number;
  scopeKeys: string[];
}

/**
 * Erasure that erases: every copy of the text leaves every table (rows,
 * full-text index, entities and aliases no other memory names, job payloads
 * and results), not just the row that was asked for. Each call is atomic and
 * confined to one instance; erasing what is already gone is a no-op.
 */
export interface ErasureStore {
  /**
   * Deletes one memory with its cascades and drops its id from the results
   * of the ingestions that listed it; when it was the last memory of its
   * document, the document is erased too ({@link eraseDocument}). Undefined
   * when the memory is not in this instance. `events` go to the webhook
   * outbox in the same transaction, and only when the memory was there.
   */
  eraseMemory(
    instanceId: string,
    memoryId: string,
    erasedAt: string,
    events?: readonly OutboxEvent[],
  ): Promise<ErasureReport | undefined>;
  /**
   * Deletes a document, its memories and their cascades; empties the
   * payloads and results of its ingestion jobs (pending ones fail with
   * "document erased"); leaves a tombstone so that no ingestion queued before
   * now can write it back. A later ingestion of the same id is a new one.
   */
  eraseDocument(instanceId: string, documentId: string, erasedAt: string): Promise<ErasureReport>;
  /** Erases every document of a user or customer (narrower scopes included) and their conversations. */
  eraseSubject(instanceId: string, subject: ErasureSubject, erasedAt: string): Promise<ErasureReport>;
  /**
   * Makes erased text unrecoverable from the files: merges the full-text
   * index (whose segments keep deleted terms until merged) and checkpoints
   * the write-ahead log into the (securely deleted) main file. Costs time in
   * the size of the index; callers coalesce it. Returns false when readers
   * kept the log from being emptied (try again later).
   */
  purge(): Promise<boolean>;
}
