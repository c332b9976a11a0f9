import type { AnalysisInput, ExtractedMemory } from '@engram/core';

/** Parent → worker: analyse one document. */
export interface ExtractionRequest {
  id: number;
  input: AnalysisInput;
}

/** What a thread is started with. */
export interface ExtractionThreadData {
  /** When set, the thread also embeds each memory with the GloVe cache in this directory. */
  gloveCacheDir: string | undefined;
}

/** Worker → parent: the extracted memories (and vectors), or a failure message (no user content). */
export type ExtractionReply =
  | { id: number; ok: true; memories: ExtractedMemory[]; embeddings: Float32Array[] | undefined }
  | { id: number; ok: false; error: string };
