// `npm run bench:write`: record_message throughput and latency over HTTP on
// loopback (server in its own process, 32 keep-alive connections), with
// GET /health measured in the same run as the HTTP-stack baseline, and the
// batch endpoint's messages per second.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { startEngramServer } from '../support/engram-server-process.js';
import { type LoadResult, runClosedLoop } from '../support/http-load-generator.js';
import { formatMs } from '../support/latency-stats.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    /** Runs the server of another built checkout (a baseline tree, e.g. main), not this one. */
    root: { type: 'string' },
    connections: { type: 'string', default: '32' },
    'batch-size': { type: 'string', default: '500' },
    'batch-connections': { type: 'string', default: '4' },
    conversations: { type: 'string', default: '1000' },
  },
});
const durationMs = Number(values.seconds) * 1000;
const connections = Number(values.connections);
const batchSize = Number(values['batch-size']);
const conversationIds = Array.from({ length: Number(values.conversations) }, () => randomUUID());
const sentence = 'I moved to Lisbon last spring and I have been learning to surf on weekends with my sister.';

function messageBody(sequence: number): Record<string, unknown> {
  const index = sequence % conversationIds.length;
  return {
    conversation_id: conversationIds[index],
    role: sequence % 2 === 0 ? 'user' : 'assistant',
    content: `${sentence} (turn ${sequence})`,
    user_id: `user-${index % 100}`,
    customer_id: null,
    metadata: { channel: 'bench' },
  };
}

// Threshold compaction is off: this measures the write path alone (compaction has its own bench).
const server = await startEngramServer({
  env: { ENGRAM_COMPACTION_THRESHOLD_TOKENS: '0' },
  ...(values.root !== undefined && { root: values.root }),
});
const headers = { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' };
const common = { baseUrl: server.url, headers, durationMs, warmupMs: 2_000 };
try {
  const health = await runClosedLoop({
    ...common,
    connections,
    nextRequest: () => ({ method: 'GET', path: '/health' }),
  });
  const record = await runClosedLoop({
    ...common,
    connections,
    nextRequest: (sequence) => ({
      method: 'POST',
      path: '/v1/conversations/messages',
      body: JSON.stringify(messageBody(sequence)),
    }),
  });
  // Batch bodies are built once and cycled, so the load generator's JSON work
  // does not compete with the server for the two cores. Each batch carries
  // 10 conversations' turns (50 each at the default size), as an import or a
  // buffered agent flush would.
  const perConversation = Math.max(1, Math.floor(batchSize / 10));
  const batchBodies = Array.from({ length: 32 }, (_, index) =>
    JSON.stringify({
      messages: Array.from({ length: batchSize }, (_, row) =>
        messageBody(
          ((index * 10 + Math.floor(row / perConversation)) % conversationIds.length) +
            row * conversationIds.length,
        ),
      ),
    }),
  );
  const batch = await runClosedLoop({
    ...common,
    connections: Number(values['batch-connections']),
    nextRequest: (sequence) => ({
      method: 'POST',
      path: '/v1/conversations/messages/batch',
      body: batchBodies[sequence % batchBodies.length] as string,
    }),
  });

  const row = (name: string, result: LoadResult, unit = 1) =>
    `| ${name} | ${(result.requestsPerSecond * unit).toFixed(0)} | ${formatMs(result.latency.p50)} | ${formatMs(
      result.latency.p95,
    )} | ${formatMs(result.latency.p99)} | ${result.requests} | ${result.errors} |`;
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const lines = [
    `bench:write — ${new Date().toISOString()} — ${machine}`,
    `${connections} connections, ${values.seconds} s measured after 2 s warm-up, server in its own process, threshold compaction off`,
    '',
    '| workload | per second | p50 ms | p95 ms | p99 ms | requests | errors |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    row('GET /health (baseline: HTTP stack, no auth, no DB)', health),
    row('POST /v1/conversations/messages (requests/s)', record),
    row(`POST …/messages/batch × ${batchSize}, 10 conversations each (messages/s)`, batch, batchSize),
  ];
  console.log(lines.join('\n'));
  const failures = { record: record.statuses, batch: batch.statuses, health: health.statuses };
  if (record.errors + batch.errors + health.errors > 0)
    console.log('non-200 statuses:', JSON.stringify(failures));
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    `bench/results/write-${Date.now()}.json`,
    JSON.stringify({ machine, connections, durationMs, batchSize, health, record, batch }, null, 2),
  );
} finally {
  await server.stop();
}
