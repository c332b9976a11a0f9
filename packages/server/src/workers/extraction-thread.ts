// Runs parse + rule-based extraction (and, with an embedder that embeds on
// the calling thread, the memories' vectors) for the main thread. Pure CPU
// work with no storage access, so it can use the machine's other cores.
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeInProcess, parseDocument } from '@engram/core';
import { gloveEmbedderFromTables } from '@engram/embedder-glove';
import { createEmbedderProvider, createExtractor } from '../app/adapters.js';
import { createLogger } from '../logger.js';
import type { ExtractionReply, ExtractionRequest, ExtractionThreadData } from './extraction-protocol.js';

const data = workerData as ExtractionThreadData;
// Threads run only the offline extractor, which needs no chat model.
const extractor = createExtractor(data.config, undefined);
// With the main thread's GloVe tables the model is built over that memory: no second copy, no load.
const embedder = !data.embed
  ? undefined
  : data.glove !== undefined
    ? Promise.resolve(gloveEmbedderFromTables(data.glove))
    : createEmbedderProvider(data.config, createLogger('warn'))();
const port = parentPort;
if (!port) throw new Error('extraction-thread must run as a worker thread');

async function analyze(request: ExtractionRequest): Promise<ExtractionReply> {
  const memories = await analyzeInProcess(request.input, { parse: parseDocument, extractor });
  const model = await embedder;
  const embedSync = model?.embedSync?.bind(model);
  // Same text the pipeline would embed: the trimmed content.
  const embeddings = embedSync ? memories.map((memory) => embedSync(memory.content.trim())) : undefined;
  return { id: request.id, ok: true, memories, embeddings };
}

port.on('message', (request: ExtractionRequest) => {
  analyze(request).then(
    (reply) =>
      port.postMessage(
        reply,
        reply.ok && reply.embeddings ? reply.embeddings.map((vector) => vector.buffer as ArrayBuffer) : [],
      ),
    (error: unknown) =>
      port.postMessage({
        id: request.id,
        ok: false,
        error: error instanceof Error ? `${error.name}: ${error.message}` : 'extraction failed',
      } satisfies ExtractionReply),
  );
});
