/** One chat message sent to an LLM. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** Options of one generation. */
export interface ChatGenerateOptions {
  messages: readonly ChatMessage[];
  /** When set, the provider is asked for JSON matching this JSON Schema. */
  jsonSchema?: { name: string; schema: Record<string, unknown> };
  temperature?: number;
  maxTokens?: number;
  abortSignal?: AbortSignal;
}

/**
 * An OpenAI-compatible chat model (OpenAI, Ollama, vLLM). Adapters do one
 * request; retries live in core. Throws EngramError PROVIDER_FAILED with
 * `retryable` decided from the HTTP status.
 */
export interface ChatModel {
  readonly provider: string;
  readonly modelId: string;
  doGenerate(options: ChatGenerateOptions): Promise<{
    text: string;
    usage: { promptTokens: number; completionTokens: number } | undefined;
  }>;
}
