// Runs parse + rule-based extraction (and, with the offline embedder, the
// memories' vectors) for the main thread. Pure CPU work with no storage
// access, so it can use the machine's other cores.
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeInProcess, parseDocument, RuleBasedExtractor } from '@engram/core';
import { createGloveEmbedder } from '@engram/embedder-glove';
import type { ExtractionReply, ExtractionRequest, ExtractionThreadData } from './extraction-protocol.js';

const extractor = new RuleBasedExtractor();
const data = workerData as ExtractionThreadData;
const embedder =
  data.gloveCacheDir === undefined ? undefined : createGloveEmbedder({ cacheDir: data.gloveCacheDir });
const port = parentPort;
if (!port) throw new Error('extraction-thread must run as a worker thread');

async function analyze(request: ExtractionRequest): Promise<ExtractionReply> {
  const memories = await analyzeInProcess(request.input, { parse: parseDocument, extractor });
  const model = await embedder;
  // Same text the pipeline would embed: the trimmed content.
  const embeddings = model ? memories.map((memory) => model.embedSync(memory.content.trim())) : undefined;
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
