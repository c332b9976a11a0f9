/**
 * A text embedding model (shape after the AI SDK's EmbeddingModel): one
 * `doEmbed` per provider; batching, retries and cancellation live once in
 * core (`embedTexts`), not in every adapter.
 */
export interface EmbeddingModel {
  /** "glove", "openai-compatible", ... */
  readonly provider: string;
  readonly modelId: string;
  /** Length of every vector returned. */
  readonly dimensions: number;
  /** Most values one `doEmbed` call accepts. */
  readonly maxBatchSize: number;
  /**
   * Embeds `values` in order; returns one unit-length vector per value (a
   * zero vector when a text has no known words). Throws EngramError
   * PROVIDER_FAILED with `retryable` set from the provider's status.
   */
  /**
   * Optional: the vector of one word, synchronously, unit length (all zeros
   * for an unknown word). Offered only by local models cheap enough to call
   * for every word of a hundred memories (the offline GloVe model);
   * `accurate` re-ranking uses it for soft term matching
   * ("genre" ~ "drama") and falls back to exact matching without it.
   */
  wordVector?(word: string): Float32Array;
  /**
   * Optional: one text's vector, synchronously, exactly as `doEmbed` would
   * return it. Offered only by local models (the offline GloVe model); the
   * server then also embeds on its extraction threads, next to the CPU work.
   */
  embedSync?(text: string): Float32Array;
  doEmbed(options: { values: readonly string[]; abortSignal?: AbortSignal }): Promise<{
    embeddings: Float32Array[];
  }>;
}
