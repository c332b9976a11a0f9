// Ranks memories for the main thread on a store reader of its own: retrieval
// is CPU work over reads (SQLite's WAL, like a database server, lets any
// number of readers run beside the writer), so fetches can use the machine's
// other cores. Started only for stores whose capabilities declare `sharedReaders`.
import { parentPort, workerData } from 'node:worker_threads';
import { isEngramError, systemClock } from '@engram/core';
import { createChatModel, createEmbedderProvider, openStore } from '../app/adapters.js';
import { createRetrievalPipeline } from '../app/retrieval-pipeline.js';
import { startVectorCacheWarmup, vectorCacheBytesOf } from '../app/vector-cache-warmup.js';
import { createLogger } from '../logger.js';
import type { RetrievalReply, RetrievalRequest, RetrievalThreadData } from './retrieval-protocol.js';

const data = workerData as RetrievalThreadData;
const port = parentPort;
if (!port) throw new Error('retrieval-thread must run as a worker thread');

// The main thread opened and migrated the store; this reader only reads.
// The vector budget is the process's: each thread holds its share. Fetches
// that arrive while it opens wait for it.
const embedder = createEmbedderProvider(data.config, createLogger('warn'));
const ready = openStore(data.config, {
  role: 'reader',
  vectorCacheBytes: vectorCacheBytesOf(data.config, data.config.retrievalThreads),
}).then((store) => {
  startVectorCacheWarmup(data.config, store, embedder, createLogger(data.config.logLevel));
  return createRetrievalPipeline(
    store,
    { embedder, chatModel: createChatModel(data.config), llmRerank: data.config.llmRerank },
    systemClock,
    Math.floor(data.config.candidateCacheMemories / Math.max(1, data.config.retrievalThreads)),
  );
});

async function rank(request: RetrievalRequest): Promise<RetrievalReply> {
  try {
    return { id: request.id, ok: true, lists: await (await ready).retrieve(request.target, request.request) };
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

port.on('message', (request: RetrievalRequest) => {
  void rank(request).then((reply) => port.postMessage(reply));
});
