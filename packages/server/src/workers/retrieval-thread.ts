// Ranks memories for the main thread on a connection of its own: retrieval is
// CPU work over SQLite reads (WAL lets any number of readers run beside the
// writer), so fetches can use the machine's other cores.
import { parentPort, workerData } from 'node:worker_threads';
import { isEngramError, systemClock } from '@engram/core';
import { SqliteEngramStore } from '@engram/store-sqlite';
import { createChatModel, createEmbedderProvider } from '../app/model-providers.js';
import { createRetrievalPipeline } from '../app/retrieval-pipeline.js';
import { startVectorCacheWarmup, vectorCacheBytesOf } from '../app/vector-cache-warmup.js';
import { createLogger } from '../logger.js';
import type { RetrievalReply, RetrievalRequest, RetrievalThreadData } from './retrieval-protocol.js';

const data = workerData as RetrievalThreadData;
const port = parentPort;
if (!port) throw new Error('retrieval-thread must run as a worker thread');

// The main thread opened and migrated the file; this connection only reads.
// The vector budget is the process's: each thread holds its share.
const store = SqliteEngramStore.open(data.databasePath, {
  vectorCacheBytes: vectorCacheBytesOf(data.config, data.config.retrievalThreads),
});
const embedder = createEmbedderProvider(data.config, createLogger('warn'));
const pipeline = createRetrievalPipeline(
  store,
  {
    embedder,
    chatModel: createChatModel(data.config),
    llmRerank: data.config.llmRerank,
  },
  systemClock,
);

async function rank(request: RetrievalRequest): Promise<RetrievalReply> {
  try {
    return { id: request.id, ok: true, lists: await pipeline.retrieve(request.target, request.request) };
  } catch (error) {
    if (isEngramError(error)) {
      return {
        id: request.id,
        ok: false,
        code: error.code,
        message: error.message,
        retryable: error.retryable,
      };
    }
    return { id: request.id, ok: false, code: 'INTERNAL', message: 'retrieval failed', retryable: false };
  }
}

startVectorCacheWarmup(data.config, store, embedder, createLogger(data.config.logLevel));

port.on('message', (request: RetrievalRequest) => {
  void rank(request).then((reply) => port.postMessage(reply));
});
