import type { AnalysisInput, EngramConfig, ExtractedMemory } from '@engram/core';
import type { GloveSharedTables } from '@engram/embedder-glove';

/** Parent → worker: analyse one document. */
export interface ExtractionRequest {
  id: number;
  input: AnalysisInput;
}

/** What a thread is started with. */
export interface ExtractionThreadData {
  /** The server's resolved configuration: the thread builds the same extractor and embedder from it. */
  config: EngramConfig;
  /** Whether the thread also embeds each memory (when the embedder offers `embedSync`). */
  embed: boolean;
  /** The main thread's GloVe tables (shared memory): the thread embeds over them instead of loading a copy. */
  glove?: GloveSharedTables;
}

/** Worker → parent: the extracted memories (and vectors), or a failure message (no user content). */
export type ExtractionReply =
  | { id: number; ok: true; memories: ExtractedMemory[]; embeddings: Float32Array[] | undefined }
  | { id: number; ok: false; error: string };
