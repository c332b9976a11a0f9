import type { IngestionChanges, MemoryOwner } from '@engram/core';
import { ingestion } from '@engram/core/test-support';

/** What a benchmark states about a synthetic chat session; the rest of the document is fixed. */
export interface SyntheticSession extends Partial<Omit<IngestionChanges, 'document'>> {
  owner: MemoryOwner;
  documentId: string;
  /** The document's text. */
  content: string;
  /** Defaults to the document id: benchmarks never re-ingest a document, so no real hash is needed. */
  contentHash?: string;
  /** ISO time of the document's creation and storage. */
  at: string;
}

/**
 * The changes of one ingestion of a synthetic `ai-chat-conversation`
 * document in long-range mode, written straight through a store's
 * `applyIngestion` by benchmarks that bypass extraction: the test fixture's
 * {@link ingestion} (unspecified change lists empty) with the session's own
 * text, hash, time and no metadata.
 */
export function syntheticSessionChanges(session: SyntheticSession): IngestionChanges {
  const { owner, documentId, content, at } = session;
  const changes = ingestion(owner, documentId, session);
  return {
    ...changes,
    document: {
      ...changes.document,
      content,
      contentHash: session.contentHash ?? documentId,
      documentCreatedAt: at,
      metadata: {},
      createdAt: at,
      updatedAt: at,
    },
  };
}
