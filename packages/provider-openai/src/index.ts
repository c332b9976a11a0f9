/** @engram/provider-openai: OpenAI-compatible chat and embedding adapters (OpenAI, Ollama, vLLM, LM Studio). */

export type { OpenAICompatibleChatModelSettings } from './openai-compatible-chat-model.js';
export { createOpenAICompatibleChatModel, DEFAULT_CHAT_TIMEOUT_MS } from './openai-compatible-chat-model.js';
export type { OpenAICompatibleEmbeddingModelSettings } from './openai-compatible-embedding-model.js';
export {
  createOpenAICompatibleEmbeddingModel,
  DEFAULT_EMBEDDING_TIMEOUT_MS,
} from './openai-compatible-embedding-model.js';
export { isRetryableStatus } from './openai-compatible-failure.js';
