import type { EngramConfig, FetchTarget, RankedLists } from '@engram/core';
import type { FetchRequest } from '@engram/protocol';

/** Parent → thread: rank memories for one fetch. */
export interface RetrievalRequest {
  id: number;
  target: FetchTarget;
  request: FetchRequest;
}

/** What a retrieval thread is started with. */
export interface RetrievalThreadData {
  /**
   * The server's resolved configuration: the thread opens a reader of the
   * same store (opened and migrated by the main thread) and builds the same
   * embedder and chat model from it.
   */
  config: EngramConfig;
}

/** Thread → parent: the ranked lists, or a failure (code and message only, no user content). */
export type RetrievalReply =
  | { id: number; ok: true; lists: RankedLists }
  | { id: number; ok: false; code: string; message: string; retryable: boolean };
