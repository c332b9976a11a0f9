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
  doEmbed(options: { values: readonly string[]; abortSignal?: AbortSignal }): Promise<{
    embeddings: Float32Array[];
  }>;
}
