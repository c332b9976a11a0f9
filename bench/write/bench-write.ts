// `npm run bench:write`: record_message throughput and latency over HTTP on
// loopback (server in its own process, 32 keep-alive connections), with
// GET /health measured in the same run as the HTTP-stack baseline, and the
// batch endpoint's messages per second. Each row also gives the server's CPU
// time per request (its process tree, from /proc), the steadier figure on a
// shared box. `--baseline DIR` measures a second built checkout in the same
// run, alternating trees round by round; `--long-seconds N` adds a long
// record_message run reported window by window with the WAL file's size, so
// a stall (a checkpoint on the request path) shows as one window's p99.
import { randomUUID } from 'node:crypto';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type EngramServerHandle, startEngramServer } from '../support/engram-server-process.js';
import { type LoadResult, runClosedLoop } from '../support/http-load-generator.js';
import { formatMs } from '../support/latency-stats.js';
import { cpuSecondsOfProcessGroup } from '../support/process-memory.js';
import { runRawClosedLoop } from '../support/raw-http-load-generator.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    /** Runs the server of another built checkout (a baseline tree, e.g. main) instead of this one. */
    root: { type: 'string' },
    /** Also measures this built checkout, in the same run, alternating with this tree. */
    baseline: { type: 'string' },
    rounds: { type: 'string', default: '1' },
    connections: { type: 'string', default: '32' },
    'batch-size': { type: 'string', default: '500' },
    'batch-connections': { type: 'string', default: '4' },
    conversations: { type: 'string', default: '1000' },
    /** Comma-separated subset of health, record, batch. */
    workloads: { type: 'string', default: 'health,record,batch' },
    /** Length of the long record_message run (0: none). */
    'long-seconds': { type: 'string', default: '0' },
    'window-seconds': { type: 'string', default: '5' },
    /**
     * `node`: node:http's client. `raw`: bare sockets (see runRawClosedLoop), so
     * the load generator takes less of the cores it shares with the server.
     */
    client: { type: 'string', default: 'node' },
  },
});
if (values.client !== 'node' && values.client !== 'raw') throw new Error('--client is node or raw');
const closedLoop = values.client === 'raw' ? runRawClosedLoop : runClosedLoop;
const durationMs = Number(values.seconds) * 1000;
const connections = Number(values.connections);
const batchSize = Number(values['batch-size']);
const rounds = Math.max(1, Number(values.rounds));
const workloads = new Set(values.workloads.split(','));
const longMs = Number(values['long-seconds']) * 1000;
const windowMs = Number(values['window-seconds']) * 1000;
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

/** One workload's result on one tree, with the server's CPU time over the measured window. */
interface Measured {
  tree: string;
  workload: string;
  result: LoadResult;
  /** Requests (or messages, for the batch) per request counted in `perSecond`. */
  unit: number;
  cpuMsPerRequest: number | undefined;
  walBytes?: (number | undefined)[];
}

/** Runs one closed loop and reads the server's CPU time at the end of the warm-up and at the end. */
async function measureLoop(
  server: EngramServerHandle,
  options: Omit<Parameters<typeof runClosedLoop>[0], 'baseUrl' | 'headers' | 'warmupMs'>,
  onWindow?: () => void,
): Promise<{ result: LoadResult; cpuMsPerRequest: number | undefined }> {
  const warmupMs = 2_000;
  let cpuAtStart: number | undefined;
  const startTimer = setTimeout(() => {
    cpuAtStart = cpuSecondsOfProcessGroup(server.processGroup);
  }, warmupMs);
  // WAL size is sampled at the end of each window, on the same clock as the windows.
  let windowInterval: NodeJS.Timeout | undefined;
  const windowStart = setTimeout(() => {
    if (onWindow !== undefined && options.windowMs !== undefined)
      windowInterval = setInterval(onWindow, options.windowMs);
  }, warmupMs);
  try {
    const result = await closedLoop({
      ...options,
      baseUrl: server.url,
      headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' },
      warmupMs,
    });
    const cpuAtEnd = cpuSecondsOfProcessGroup(server.processGroup);
    const cpuMsPerRequest =
      cpuAtStart === undefined || cpuAtEnd === undefined || result.requests === 0
        ? undefined
        : ((cpuAtEnd - cpuAtStart) * 1000) / result.requests;
    return { result, cpuMsPerRequest };
  } finally {
    clearTimeout(startTimer);
    clearTimeout(windowStart);
    clearInterval(windowInterval);
  }
}

function walSize(server: EngramServerHandle): number | undefined {
  try {
    return statSync(join(server.dataDir, 'engram.db-wal')).size;
  } catch {
    return undefined;
  }
}

const recordRequest = (sequence: number) => ({
  method: 'POST' as const,
  path: '/v1/conversations/messages',
  body: JSON.stringify(messageBody(sequence)),
});

/** Starts one tree's server, runs the chosen workloads, stops it. */
async function measureTree(tree: string, root: string | undefined): Promise<Measured[]> {
  // Threshold compaction is off: this measures the write path alone (compaction has its own bench).
  const server = await startEngramServer({
    env: { ENGRAM_COMPACTION_THRESHOLD_TOKENS: '0' },
    // Server errors are printed, so a non-200 row comes with its cause.
    onOutput: (line) => {
      if (/"level":"(error|warn)"/.test(line)) console.error(`[${tree}] ${line.slice(0, 600)}`);
    },
    ...(root !== undefined && { root }),
  });
  const measured: Measured[] = [];
  try {
    if (workloads.has('health')) {
      const run = await measureLoop(server, {
        durationMs,
        connections,
        nextRequest: () => ({ method: 'GET', path: '/health' }),
      });
      measured.push({ tree, workload: 'GET /health (HTTP stack, no auth, no DB)', unit: 1, ...run });
    }
    if (workloads.has('record')) {
      const run = await measureLoop(server, { durationMs, connections, nextRequest: recordRequest });
      measured.push({ tree, workload: 'POST /v1/conversations/messages (requests/s)', unit: 1, ...run });
    }
    if (workloads.has('batch')) {
      const run = await measureLoop(server, {
        durationMs,
        connections: Number(values['batch-connections']),
        nextRequest: (sequence) => ({
          method: 'POST',
          path: '/v1/conversations/messages/batch',
          body: batchBodies[sequence % batchBodies.length] as string,
        }),
      });
      measured.push({
        tree,
        workload: `POST …/messages/batch × ${batchSize}, 10 conversations each (messages/s)`,
        unit: batchSize,
        ...run,
      });
    }
    if (longMs > 0) {
      const walBytes: (number | undefined)[] = [];
      const run = await measureLoop(
        server,
        { durationMs: longMs, connections, nextRequest: recordRequest, windowMs },
        () => walBytes.push(walSize(server)),
      );
      measured.push({
        tree,
        workload: `long POST /v1/conversations/messages, ${longMs / 1000} s`,
        unit: 1,
        walBytes,
        ...run,
      });
    }
  } finally {
    await server.stop();
  }
  return measured;
}

const trees: { name: string; root: string | undefined }[] = [
  { name: values.root === undefined ? 'this tree' : values.root, root: values.root },
];
if (values.baseline !== undefined) trees.unshift({ name: 'baseline', root: resolve(values.baseline) });
const all: Measured[] = [];
for (let round = 0; round < rounds; round += 1) {
  // Alternate which tree goes first, so neither always meets the box's quieter moments.
  const order = round % 2 === 0 ? trees : [...trees].reverse();
  for (const tree of order) all.push(...(await measureTree(tree.name, tree.root)));
}

const mib = (bytes: number | undefined) => (bytes === undefined ? '–' : (bytes / 2 ** 20).toFixed(1));
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const lines = [
  `bench:write — ${new Date().toISOString()} — ${machine}`,
  `${connections} connections, ${values.seconds} s measured after 2 s warm-up, server in its own process, threshold compaction off, ${rounds} round(s), ${values.client} client`,
  ...(values.baseline === undefined ? [] : [`baseline: ${resolve(values.baseline)}`]),
  '',
  '| tree | workload | per second | p50 ms | p95 ms | p99 ms | server CPU ms / request | requests | errors |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
];
const ordered = [...all].sort(
  (a, b) =>
    a.workload.localeCompare(b.workload) ||
    trees.findIndex((t) => t.name === a.tree) - trees.findIndex((t) => t.name === b.tree),
);
for (const { tree, workload, result, unit, cpuMsPerRequest } of ordered) {
  lines.push(
    `| ${tree} | ${workload} | ${(result.requestsPerSecond * unit).toFixed(0)} | ${formatMs(result.latency.p50)} | ${formatMs(
      result.latency.p95,
    )} | ${formatMs(result.latency.p99)} | ${cpuMsPerRequest === undefined ? '–' : cpuMsPerRequest.toFixed(3)} | ${result.requests} | ${result.errors} |`,
  );
}
for (const { tree, workload, result, walBytes } of all) {
  if (result.windows === undefined) continue;
  lines.push(
    '',
    `${tree}, ${workload}, by ${windowMs / 1000}-s window:`,
    '',
    '| from s | requests/s | p50 ms | p99 ms | max ms | WAL MiB at end |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    ...result.windows.map(
      (window, index) =>
        `| ${window.startSeconds} | ${window.requestsPerSecond.toFixed(0)} | ${formatMs(window.latency.p50)} | ${formatMs(window.latency.p99)} | ${formatMs(window.latency.max)} | ${mib(walBytes?.[index])} |`,
    ),
  );
}
console.log(lines.join('\n'));
for (const { tree, workload, result } of all)
  if (result.errors > 0)
    console.log(`non-200 statuses (${tree}, ${workload}):`, JSON.stringify(result.statuses));
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  `bench/results/write-${Date.now()}.json`,
  JSON.stringify({ machine, connections, durationMs, batchSize, runs: all }, null, 2),
);
