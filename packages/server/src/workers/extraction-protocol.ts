import type { AnalysisInput, ExtractedMemory } from '@engram/core';

/** Parent → worker: analyse one document. */
export interface ExtractionRequest {
  id: number;
  input: AnalysisInput;
}

/** Worker → parent: the extracted memories, or a failure message (no user content). */
export type ExtractionReply =
  | { id: number; ok: true; memories: ExtractedMemory[] }
  | { id: number; ok: false; error: string };
