import type { ExtractedMemory, IngestMode, ParsedDocument } from '../domain/memory.js';

/** What an extractor receives. */
export interface ExtractionInput {
  document: ParsedDocument;
  mode: IngestMode;
  /** Caller-supplied analysis or hints (transcript ingest), used verbatim. */
  hints?: string;
  abortSignal?: AbortSignal;
}

/**
 * Turns a parsed document into typed memories. The rule-based default is
 * deterministic and offline; an LLM adapter may replace it by configuration.
 * Implementations must not throw on odd text: they return fewer memories.
 */
export interface MemoryExtractor {
  /** Stable name for logs and provenance ("rules", "llm:gpt-4o-mini"). */
  readonly name: string;
  extract(input: ExtractionInput): Promise<ExtractedMemory[]>;
}
