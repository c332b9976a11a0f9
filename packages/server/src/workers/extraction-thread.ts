// Runs parse + rule-based extraction for the main thread. Pure CPU work with
// no storage access, so it can use the machine's other cores.
import { parentPort } from 'node:worker_threads';
import { analyzeInProcess, parseDocument, RuleBasedExtractor } from '@engram/core';
import type { ExtractionReply, ExtractionRequest } from './extraction-protocol.js';

const extractor = new RuleBasedExtractor();
const port = parentPort;
if (!port) throw new Error('extraction-thread must run as a worker thread');

port.on('message', (request: ExtractionRequest) => {
  analyzeInProcess(request.input, { parse: parseDocument, extractor }).then(
    (memories) => port.postMessage({ id: request.id, ok: true, memories } satisfies ExtractionReply),
    (error: unknown) =>
      port.postMessage({
        id: request.id,
        ok: false,
        error: error instanceof Error ? `${error.name}: ${error.message}` : 'extraction failed',
      } satisfies ExtractionReply),
  );
});
