import {
  CandidateCache,
  type ChatModel,
  type Clock,
  type EngramStore,
  MemoryRetrievalPipeline,
} from '@engram/core';
import type { EmbedderProvider } from './adapters.js';

/**
 * The retrieval pipeline over a store's indexes. The one way the server builds
 * it, on the main thread and on each retrieval thread, so a fetch ranks the
 * same wherever it runs. With `llmRerank`, the chat model (when there is
 * one) also re-ranks `accurate` fetches. `candidateCacheMemories` > 0 keeps
 * that many loaded candidates across fetches (CandidateCache; each pipeline,
 * so each retrieval thread, holds its own).
 */
export function createRetrievalPipeline(
  store: Pick<EngramStore, 'memories' | 'vectors' | 'text' | 'graph'>,
  models: { embedder: EmbedderProvider; chatModel: ChatModel | undefined; llmRerank: boolean },
  clock: Clock,
  candidateCacheMemories = 0,
): MemoryRetrievalPipeline {
  return new MemoryRetrievalPipeline({
    memories: store.memories,
    vectors: store.vectors,
    text: store.text,
    graph: store.graph,
    embedder: models.embedder,
    chatModel: models.chatModel,
    rerankChatModel: models.llmRerank ? models.chatModel : undefined,
    clock,
    candidateCache:
      candidateCacheMemories > 0 ? new CandidateCache({ maxMemories: candidateCacheMemories }) : undefined,
  });
}
