// The `npm run bench:locomo` entry: ingests LoCoMo through the public HTTP API,
// asks every scorable question in each retrieval mode, scores the answers with
// the protocol of shared/datasets/README.md and compares them with raw-turn
// BM25 computed in the same run.
import type { EngramConnection } from '../support/engram-http-client.js';
import { type EngramServerHandle, startEngramServer } from '../support/engram-server-process.js';
import { evaluateBm25 } from './bm25-evaluation.js';
import { loadLocomo } from './locomo-dataset.js';
import { casualSample, restyleSample } from './restyle.js';
import { parseRunArguments } from './run-arguments.js';
import { formatRunReport, type LocomoRunResult, writeRunResult } from './run-report.js';
import { ingestSamples } from './server-ingestion.js';
import { evaluateMode, type ModeEvaluation } from './server-queries.js';

/** How often ingestion status is polled: fast, so ingest time measures the server, not the poll. */
const POLL_INTERVAL_MS = 20;

let argumentsParsed: ReturnType<typeof parseRunArguments>;
try {
  argumentsParsed = parseRunArguments(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const options = argumentsParsed;
const startedAt = new Date().toISOString();
const loaded = (await loadLocomo(options.path)).slice(
  options.offset,
  options.samples === undefined ? undefined : options.offset + options.samples,
);
const samples = options.casual
  ? loaded.map(casualSample)
  : options.restyle
    ? loaded.map(restyleSample)
    : loaded;
const bm25 = evaluateBm25(samples);

let server: EngramServerHandle | undefined;
const stopServer = async () => {
  await server?.stop();
  server = undefined;
};
process.once('SIGINT', () => {
  console.error('interrupted; stopping the server');
  void stopServer().finally(() => process.exit(130));
});

try {
  let connection: EngramConnection;
  if (options.baseUrl !== undefined && options.apiKey !== undefined) {
    connection = { baseUrl: options.baseUrl, apiKey: options.apiKey };
  } else {
    console.error('starting a private engram server...');
    server = await startEngramServer({ instanceName: 'locomo', relationship: 'b2c' });
    connection = { baseUrl: server.url, apiKey: server.apiKey };
    console.error(`server listening at ${server.url}`);
  }

  let ingestion: LocomoRunResult['ingestion'] = null;
  if (!options.skipIngest) {
    const ingestStarted = performance.now();
    const sessions = await ingestSamples(connection, samples, {
      concurrency: options.concurrency,
      pollIntervalMs: POLL_INTERVAL_MS,
      timeoutMs: options.ingestTimeoutS * 1000,
      onSampleDone: (sampleId, done) =>
        console.error(
          `ingested ${sampleId}: ${done.length} sessions (${done.map((s) => s.status).join(',')})`,
        ),
    });
    ingestion = { wallMs: performance.now() - ingestStarted, sessions };
  }

  const modes: ModeEvaluation[] = [];
  for (const mode of options.modes) {
    console.error(`querying in ${mode} mode...`);
    modes.push(await evaluateMode(connection, samples, mode, options.concurrency));
  }

  const result: LocomoRunResult = {
    startedAt,
    datasetPath: options.casual
      ? `${options.path} (casual)`
      : options.restyle
        ? `${options.path} (restyled)`
        : options.path,
    server: server ? 'private (npx engram serve)' : connection.baseUrl,
    samples: samples.map((sample) => sample.sampleId),
    concurrency: options.concurrency,
    ingestion,
    bm25,
    modes,
  };
  console.log(formatRunReport(result));
  console.log(`\nresult written to ${await writeRunResult(result)}`);
} finally {
  await stopServer();
}
