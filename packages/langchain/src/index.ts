/**
 * @engram/langchain: Engram memory for LangChain.js (`@langchain/core` 1.x):
 * a retriever over context fetch and a chat message history over
 * record_message, both through `@engram/sdk`.
 */
export type { EngramChatMessageHistoryInput } from './engram-chat-message-history.js';
export { EngramChatMessageHistory } from './engram-chat-message-history.js';
export type { EngramDocumentMetadata, EngramRetrieverInput } from './engram-retriever.js';
export { EngramRetriever } from './engram-retriever.js';
