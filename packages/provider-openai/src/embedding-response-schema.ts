import { z } from 'zod';

// Tolerant on purpose: OpenAI, Ollama, vLLM and LM Studio differ in the extra fields they
// send (object, model, usage), so only `data[].index` and `data[].embedding` are read.

/** One embedding: floats, or base64 little-endian float32 when a server answers that way. */
const embeddingItemSchema = z.object({
  index: z.number().int().nonnegative().nullish(),
  embedding: z.union([z.array(z.number()), z.string()]),
});

/** The parts of a `/embeddings` response the adapter uses. */
export const embeddingResponseSchema = z.object({ data: z.array(embeddingItemSchema) });

/** A parsed `/embeddings` response. */
export type EmbeddingResponse = z.output<typeof embeddingResponseSchema>;
