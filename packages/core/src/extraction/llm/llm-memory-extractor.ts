import type { ExtractedMemory } from '../../domain/memory.js';
import { generateJson } from '../../llm/generate-json.js';
import type { ChatModel } from '../../ports/chat-model.js';
import type { ExtractionInput, MemoryExtractor } from '../../ports/memory-extractor.js';
import { chunkSegments } from './chunk-segments.js';
import { extractionMessages } from './extraction-prompt.js';
import { llmExtractionSchema } from './extraction-schema.js';
import { toExtractedMemories } from './to-extracted-memories.js';

/** Options of {@link LlmMemoryExtractor}. */
export interface LlmMemoryExtractorOptions {
  model: ChatModel;
  /** Characters of numbered document lines per request (the fixed instructions come on top); default 6,000. */
  maxChunkCharacters?: number;
  /** Model calls per chunk, retries and the re-ask included; default 3. */
  maxAttempts?: number;
  /** Default 0: extraction should be repeatable. */
  temperature?: number;
  maxTokens?: number;
  /** First retry backoff; default 500 ms (see `generateJson`). */
  initialRetryDelayMs?: number;
}

/** Default request budget: small enough for 8k-context local models once the instructions and reply are added. */
export const DEFAULT_MAX_CHUNK_CHARACTERS = 6_000;

/**
 * A {@link MemoryExtractor} that asks an LLM for typed memories as JSON
 * (opt-in; the rule-based extractor is the offline default). The document's
 * segments become numbered lines, packed into chunks of at most
 * `maxChunkCharacters`; chunks are sent one after another and their
 * memories concatenated in document order. Each memory's `sourceEvidence`
 * is the verbatim `sourceLine` of the segments it cites; citations of
 * unknown lines are dropped, as are memories citing none.
 *
 * Contract on failure: odd or partly invalid replies yield fewer memories,
 * but when a chunk still fails after `generateJson`'s retries and re-ask
 * (provider down, key rejected, output never valid, or `abortSignal`
 * fired), `extract` throws that EngramError PROVIDER_FAILED and returns
 * nothing for the document, so the ingestion job records the error (and
 * may retry the job when `retryable`) rather than storing half a document.
 */
export class LlmMemoryExtractor implements MemoryExtractor {
  /** `llm:<modelId>`, recorded as the memories' provenance. */
  readonly name: string;
  private readonly options: LlmMemoryExtractorOptions;

  constructor(options: LlmMemoryExtractorOptions) {
    this.options = options;
    this.name = `llm:${options.model.modelId}`;
  }

  /** Extracts every chunk in order; throws PROVIDER_FAILED as described on the class. */
  async extract(input: ExtractionInput): Promise<ExtractedMemory[]> {
    const budget = this.options.maxChunkCharacters ?? DEFAULT_MAX_CHUNK_CHARACTERS;
    const memories: ExtractedMemory[] = [];
    // Sequential on purpose: providers rate-limit per key, and order keeps results deterministic.
    for (const chunk of chunkSegments(input.document, budget)) {
      const { value } = await generateJson(this.options.model, {
        messages: extractionMessages(input.document, chunk, input.hints),
        schema: llmExtractionSchema,
        jsonSchemaName: 'extracted_memories',
        maxAttempts: this.options.maxAttempts,
        abortSignal: input.abortSignal,
        temperature: this.options.temperature ?? 0,
        maxTokens: this.options.maxTokens,
        initialRetryDelayMs: this.options.initialRetryDelayMs,
      });
      memories.push(...toExtractedMemories(value.memories, chunk, input.document));
    }
    return memories;
  }
}
