import type { MemoryStore } from '../ports/memory-store.js';
import { normalizedContent } from '../text/text-normalization.js';
import type { MemoryCandidate } from './memory-candidates.js';

/** How a re-ingested document's new extraction lines up with its previous one. */
export interface VersionReconciliation {
  /** Candidates identical to a memory the previous version produced: kept under the old id. */
  unchanged: Map<MemoryCandidate, string>;
  /** Memories of the previous version that the new extraction no longer yields. */
  removedMemoryIds: string[];
}

/**
 * Idempotency on `document_id`: re-ingesting a document re-extracts it, keeps
 * memories whose type and text are unchanged (ids stay stable), and drops the
 * ones the new version no longer supports. Nothing is duplicated.
 */
export async function reconcileWithPreviousVersion(
  store: MemoryStore,
  instanceId: string,
  documentId: string,
  candidates: readonly MemoryCandidate[],
): Promise<VersionReconciliation> {
  const previousIds = await store.memoryIdsOfDocument(instanceId, documentId);
  const unchanged = new Map<MemoryCandidate, string>();
  if (previousIds.length === 0) return { unchanged, removedMemoryIds: [] };
  const byKey = new Map<string, string>();
  for (const id of previousIds) {
    const memory = await store.getMemory(instanceId, id);
    if (memory) byKey.set(`${memory.type}:${normalizedContent(memory.content)}`, id);
  }
  for (const candidate of candidates) {
    const key = `${candidate.memory.type}:${normalizedContent(candidate.memory.content)}`;
    const id = byKey.get(key);
    if (id !== undefined) {
      unchanged.set(candidate, id);
      byKey.delete(key);
    }
  }
  return { unchanged, removedMemoryIds: [...byKey.values()] };
}
