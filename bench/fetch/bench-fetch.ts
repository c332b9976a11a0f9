// `npm run bench:fetch`: fetch latency and throughput at scale over HTTP on
// loopback. Generates (or reuses, keyed by its parameters) a synthetic corpus
// written straight into the server's SQLite file: by default 1,000,000
// memories over 10,000 typical users plus one user with 50,000 and a small
// client scope, with templated text over names, places and dates, GloVe
// vectors and entity links. Then starts `engram serve` on it in its own
// process and measures, one connection at a time, `fast` and `accurate` user
// fetches for typical users and for the big user, `fast` throughput at 16
// connections, and the server's peak RSS. The server's fetch result cache is
// off (ENGRAM_FETCH_CACHE_ENTRIES=0): the figures are uncached retrieval.
// Baselines in the same run:
// GET /health (the HTTP stack) and fetches of never-ingested customers (HTTP,
// auth, validation, embedding, empty indexes).
//
//   npm run bench:fetch -- [--memories 1000000] [--users 10000] [--big-user 50000]
//     [--client-memories 200] [--seconds 10] [--connections 16] [--cache-dir /tmp/engram-bench-fetch] [--fresh]
//     [--cpu-prof DIR]   (a V8 CPU profile of the server process)
//     [--cold-vectors]   (no start-up fill of the server's in-process vector copy)
//     [--store postgres] (also the same corpus in PostgreSQL: a throw-away durable cluster
//                         through the test harness; both stores measured, side by side)
//     [--postgres-baseline DIR] (with --store postgres: also the server of another built checkout,
//                         e.g. main, on the same cluster and corpus, measured just before this tree's)
//     [--postgres-cache-off] (with --store postgres: also this tree's server with the candidate
//                         cache off, ENGRAM_CANDIDATE_CACHE_MEMORIES=0, measured just after it)
// On PostgreSQL each row also prints the SQL statements per request (pg_stat_statements, the
// queue's and deliveries' polling left out): each one is a round trip.
// Each row also prints the server's CPU time per request (its whole process tree, from /proc).
import { closeSync, mkdirSync, openSync, readSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { settleAfterLoad, startBenchPostgres, statementCounter } from '../support/bench-postgres.js';
import { type EngramServerHandle, startEngramServer } from '../support/engram-server-process.js';
import { type LoadRequest, type LoadResult, runClosedLoop } from '../support/http-load-generator.js';
import { formatMs } from '../support/latency-stats.js';
import { cpuSecondsOfProcessGroup, peakRssOfProcessGroup } from '../support/process-memory.js';
import { prepareCorpus } from './corpus-cache.js';
import type { CorpusShape } from './corpus-shape.js';
import { type FetchAudience, type FetchMode, FetchWorkloads } from './fetch-workloads.js';
import { writePostgresCorpus } from './postgres-corpus.js';

const { values } = parseArgs({
  options: {
    memories: { type: 'string', default: '1000000' },
    users: { type: 'string', default: '10000' },
    'big-user': { type: 'string', default: '50000' },
    'client-memories': { type: 'string', default: '200' },
    seed: { type: 'string', default: '1' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '16' },
    'max-results': { type: 'string', default: '10' },
    'cache-dir': { type: 'string', default: '/tmp/engram-bench-fetch' },
    fresh: { type: 'boolean', default: false },
    /** Starts the server without filling its in-process vector copy (ENGRAM_VECTOR_CACHE_WARM=false). */
    'cold-vectors': { type: 'boolean', default: false },
    /** Writes a V8 CPU profile of the server process into this folder (see cpu-profile-preload.cjs). */
    'cpu-prof': { type: 'string' },
    /** `postgres`: measure PostgreSQL too, in the same run, next to SQLite. */
    store: { type: 'string', default: 'sqlite' },
    /** With `--store postgres`: a built checkout whose server is measured too, on the same database. */
    'postgres-baseline': { type: 'string' },
    /** With `--store postgres`: also this tree's server with the candidate cache off, on the same database. */
    'postgres-cache-off': { type: 'boolean', default: false },
  },
});
if (values.store !== 'sqlite' && values.store !== 'postgres')
  throw new Error('--store is sqlite or postgres');
const withPostgres = values.store === 'postgres';
const shape: CorpusShape = {
  memories: Number(values.memories),
  users: Number(values.users),
  bigUser: Number(values['big-user']),
  clientMemories: Number(values['client-memories']),
  seed: Number(values.seed),
};
const durationMs = Number(values.seconds) * 1000;
const warmupMs = Number(values.warmup) * 1000;
const connections = Number(values.connections);
const log = (line: string) => process.stdout.write(`${line}\n`);
const count = (value: number) => value.toLocaleString('en');

log(
  `corpus: ${count(shape.memories)} memories, ${count(shape.users)} users + big user ${count(shape.bigUser)}, client scope ${count(shape.clientMemories)}`,
);
const corpus = await prepareCorpus(values['cache-dir'] as string, shape, {
  fresh: values.fresh === true,
  log,
});
log(
  corpus.generated
    ? `generated in ${corpus.generationSeconds.toFixed(0)} s into ${corpus.dataDir}`
    : `reused ${corpus.dataDir} (generated ${corpus.generatedAt} in ${corpus.generationSeconds.toFixed(0)} s; --fresh rebuilds)`,
);

/**
 * Reads a file once so the OS page cache holds it: a long-running server has
 * its working set cached, and this machine's memory reclaim (kdamond) evicts
 * cold pages between runs, which made the first timed row measure disk reads.
 */
function readIntoPageCache(path: string): number {
  const chunk = Buffer.allocUnsafe(16 * 2 ** 20);
  const descriptor = openSync(path, 'r');
  let total = 0;
  try {
    for (let read = readSync(descriptor, chunk); read > 0; read = readSync(descriptor, chunk)) total += read;
  } finally {
    closeSync(descriptor);
  }
  return total;
}
const cachedBytes = readIntoPageCache(join(corpus.dataDir, 'engram.db'));
log(`read ${(cachedBytes / 2 ** 30).toFixed(2)} GiB of engram.db into the OS page cache`);

const workloads = new FetchWorkloads(shape, Number(values['max-results']));

interface Row {
  name: string;
  connections: number;
  result: LoadResult & { cpuMsPerRequest: number; statementsPerRequest?: number };
  response?: { bytes: number; results: number };
}

/** What one store's server measured. */
interface StoreRun {
  store: 'sqlite' | 'postgres';
  /** Which server tree: this one, or the `--postgres-baseline` one. */
  label: string;
  rows: Row[];
  peakRss: number | undefined;
  /** The server's vector-cache-warmed line, when it printed one. */
  warmup: string | undefined;
  serverOutput: string[];
}

/**
 * Starts `engram serve` with `env` (its store) on the prepared corpus and
 * measures every row, one after the other, then stops it.
 */
async function measureStore(
  store: StoreRun['store'],
  options: {
    dataDir?: string;
    env: Record<string, string>;
    label?: string;
    root?: string;
    /** Statements the database has run so far (a monotonic count), for statements per request. */
    statements?: () => Promise<number>;
  },
): Promise<StoreRun> {
  const serverOutput: string[] = [];
  const label = options.label ?? (store === 'sqlite' ? 'SQLite' : 'PostgreSQL');
  const server: EngramServerHandle = await startEngramServer({
    ...(options.dataDir !== undefined && { dataDir: options.dataDir }),
    ...(options.root !== undefined && { root: options.root }),
    instance: corpus.instance,
    // The GloVe cache converted while generating; no need to convert it again per data dir.
    env: {
      ENGRAM_MODEL_CACHE_DIR: `${values['cache-dir']}/models`,
      // Measures retrieval itself: a repeated fetch must not be answered from the result cache.
      ENGRAM_FETCH_CACHE_ENTRIES: '0',
      ...(values['cold-vectors'] === true && { ENGRAM_VECTOR_CACHE_WARM: 'false' }),
      ...(values['cpu-prof'] !== undefined && {
        NODE_OPTIONS: `--require ${fileURLToPath(new URL('../support/cpu-profile-preload.cjs', import.meta.url))}`,
        ENGRAM_CPU_PROFILE_DIR: values['cpu-prof'],
      }),
      ...options.env,
    },
    onOutput: (line) => serverOutput.push(line),
  });
  try {
    /**
     * Waits for the server's `vector-cache-warmed` line: a long-running server
     * has filled its in-process vector copy, and timing rows while it fills
     * would measure the fill.
     */
    const vectorWarmupLine = async (timeoutMs: number): Promise<string | undefined> => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const line = serverOutput.find((output) => output.includes('"vector-cache-warm'));
        if (line !== undefined || Date.now() > deadline) return line;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    let warmup: string | undefined;
    if (values['cold-vectors'] !== true) {
      warmup = await vectorWarmupLine(300_000);
      log(
        warmup === undefined
          ? `${store}: no vector-cache-warmed line within 300 s; timing anyway`
          : `${store} server: ${warmup.trim()}`,
      );
    }
    const headers = { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' };

    /**
     * Closed-loop run of one workload; every request differs from the others.
     * Also the server's CPU time per request: user + system seconds of its
     * whole process tree (all threads, /proc) across the run, warm-up
     * included, over every request sent (the warm-up's too).
     */
    const run = async (
      next: (sequence: number) => LoadRequest,
      users: number,
    ): Promise<LoadResult & { cpuMsPerRequest: number; statementsPerRequest?: number }> => {
      let sent = 0;
      const statementsBefore = await options.statements?.();
      const cpuBefore = cpuSecondsOfProcessGroup(server.processGroup) ?? Number.NaN;
      const result = await runClosedLoop({
        baseUrl: server.url,
        headers,
        connections: users,
        durationMs,
        warmupMs,
        nextRequest: (sequence) => {
          sent += 1;
          return next(sequence);
        },
      });
      const cpuAfter = cpuSecondsOfProcessGroup(server.processGroup) ?? Number.NaN;
      const statementsAfter = await options.statements?.();
      return {
        ...result,
        cpuMsPerRequest: ((cpuAfter - cpuBefore) * 1000) / sent,
        ...(statementsBefore !== undefined &&
          statementsAfter !== undefined && {
            statementsPerRequest: (statementsAfter - statementsBefore) / sent,
          }),
      };
    };

    /**
     * Mean response size and result count of a few requests, sent before the
     * timed run (with sequence numbers it never uses, so they warm nothing up).
     */
    const sampleResponses = async (
      next: (sequence: number) => LoadRequest,
    ): Promise<{ bytes: number; results: number }> => {
      let bytes = 0;
      let results = 0;
      const samples = 50;
      for (let index = 0; index < samples; index += 1) {
        const request = next(-1 - index);
        const response = await fetch(`${server.url}${request.path}`, {
          method: 'POST',
          headers,
          body: request.body,
        });
        const text = await response.text();
        if (response.status !== 200)
          throw new Error(`fetch answered ${response.status}: ${text.slice(0, 300)}`);
        bytes += Buffer.byteLength(text);
        results += (JSON.parse(text) as { metadata: { total_results: number } }).metadata.total_results;
      }
      return { bytes: bytes / samples, results: results / samples };
    };

    const rows: Row[] = [];
    const fetchRow = async (name: string, audience: FetchAudience, mode: FetchMode, users = 1) => {
      const next = (sequence: number) => workloads.request(audience, mode, sequence);
      const response = await sampleResponses(next);
      rows.push({ name, connections: users, result: await run(next, users), response });
    };
    rows.push({
      name: 'GET /health (baseline: HTTP stack)',
      connections: 1,
      result: await run(() => ({ method: 'GET', path: '/health' }), 1),
    });
    await fetchRow('fast, never-ingested customer (baseline: HTTP, auth, embedding)', 'cold', 'fast');
    await fetchRow('fast, typical users', 'typical', 'fast');
    await fetchRow('accurate, typical users', 'typical', 'accurate');
    if (shape.bigUser > 0) {
      await fetchRow(`fast, big user (${count(shape.bigUser)})`, 'big', 'fast');
      await fetchRow(`accurate, big user (${count(shape.bigUser)})`, 'big', 'accurate');
    }
    await fetchRow('fast, typical users, throughput', 'typical', 'fast', connections);
    return { store, label, rows, peakRss: peakRssOfProcessGroup(server.processGroup), warmup, serverOutput };
  } finally {
    await server.stop();
  }
}

/** One store's rows as a markdown table, with its verdict line. */
function storeTable(run: StoreRun): string[] {
  const { rows, peakRss } = run;
  const counted = rows.some((row) => row.result.statementsPerRequest !== undefined);
  const lines = [
    `### ${run.label}`,
    '',
    `| workload | connections | fetches/s | p50 ms | p95 ms | p99 ms | max ms | requests | errors | response bytes | results | server CPU ms / request |${counted ? ' SQL statements / request |' : ''}`,
    `| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |${counted ? ' ---: |' : ''}`,
    ...rows.map(({ name, connections: users, result, response }) =>
      [
        name,
        users,
        result.requestsPerSecond.toFixed(0),
        formatMs(result.latency.p50),
        formatMs(result.latency.p95),
        formatMs(result.latency.p99),
        formatMs(result.latency.max),
        result.requests,
        result.errors,
        response ? response.bytes.toFixed(0) : '',
        response ? response.results.toFixed(1) : '',
        result.cpuMsPerRequest.toFixed(2),
        ...(counted ? [result.statementsPerRequest?.toFixed(1) ?? ''] : []),
      ]
        .join(' | ')
        .replace(/^/, '| ')
        .concat(' |'),
    ),
    '',
    `server peak RSS: ${peakRss === undefined ? 'unavailable' : `${(peakRss / 2 ** 20).toFixed(0)} MiB`}`,
  ];
  const find = (prefix: string) => rows.find((row) => row.name.startsWith(prefix))?.result;
  const fast = find('fast, typical users');
  const accurate = find('accurate, typical users');
  const throughput = find('fast, typical users, throughput');
  if (fast && accurate && throughput) {
    const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
    lines.push(
      run.store === 'sqlite'
        ? `targets (typical users): fast p50 ≤ 3 ms ${verdict(fast.latency.p50 <= 3)}, fast p95 ≤ 8 ms ${verdict(fast.latency.p95 <= 8)}, ` +
            `accurate p95 ≤ 40 ms ${verdict(accurate.latency.p95 <= 40)}, ≥ 1,000 fetches/s ${verdict(throughput.requestsPerSecond >= 1000)}, ` +
            `RSS ≤ 2 GB ${verdict(peakRss !== undefined && peakRss <= 2e9)}`
        : `target (typical users, PostgreSQL): fast p95 ≤ 10 ms ${verdict(fast.latency.p95 <= 10)}`,
    );
  }
  const failing = rows.filter((row) => row.result.errors > 0);
  for (const row of failing)
    lines.push(`non-200 statuses in "${row.name}": ${JSON.stringify(row.result.statuses)}`);
  if (failing.length > 0) lines.push(run.serverOutput.slice(-20).join('\n'));
  return lines;
}

/** Every run row by row (SQLite first): the figures a reader compares. */
function sideBySide(all: readonly StoreRun[]): string[] {
  const [first] = all;
  if (first === undefined) return [];
  const cell = (row: Row | undefined) =>
    row
      ? `${row.result.requestsPerSecond.toFixed(0)} | ${formatMs(row.result.latency.p50)} | ${formatMs(row.result.latency.p95)} | ${formatMs(row.result.latency.p99)}`
      : '– | – | – | –';
  const rss = (run: StoreRun) =>
    run.peakRss === undefined ? 'n/a' : `${(run.peakRss / 2 ** 20).toFixed(0)} MiB`;
  return [
    '### side by side',
    '',
    `| workload | connections | ${all.map((run) => `${run.label} fetches/s | ${run.label} p50 | ${run.label} p95 | ${run.label} p99`).join(' | ')} |`,
    `| --- | ---: | ${all.map(() => '---: | ---: | ---: | ---:').join(' | ')} |`,
    ...first.rows.map(
      (row) =>
        `| ${row.name} | ${row.connections} | ${all.map((run) => cell(run.rows.find((other) => other.name === row.name))).join(' | ')} |`,
    ),
    '',
    `server peak RSS (Engram process only): ${all.map((run) => `${run.label} ${rss(run)}`).join(', ')}`,
  ];
}

const startLoad = loadavg()[0] ?? 0;
const runs: StoreRun[] = [];
runs.push(await measureStore('sqlite', { dataDir: corpus.dataDir, env: {} }));
let postgresNote: string | undefined;
if (withPostgres) {
  const postgres = await startBenchPostgres();
  try {
    log(`postgres: ${postgres.description}; writing the same corpus`);
    const written = await writePostgresCorpus(postgres.url, shape, `${values['cache-dir']}/models`, log);
    log(`postgres: corpus written in ${written.seconds.toFixed(0)} s`);
    const settled = await settleAfterLoad(postgres.url);
    log(`postgres: VACUUM ANALYZE and CHECKPOINT in ${settled.toFixed(0)} s`);
    corpus.instance = written.instance;
    postgresNote = `PostgreSQL ${postgres.description}, corpus written in ${written.seconds.toFixed(0)} s through applyIngestion, then VACUUM ANALYZE and CHECKPOINT (${settled.toFixed(0)} s)`;
    const statements = await statementCounter(postgres.url);
    try {
      const baseline = values['postgres-baseline'];
      if (baseline !== undefined) {
        runs.push(
          await measureStore('postgres', {
            env: { ENGRAM_DATABASE_URL: postgres.url },
            label: 'PostgreSQL baseline',
            root: resolve(baseline),
            statements: statements.count,
          }),
        );
      }
      const compared = baseline !== undefined || values['postgres-cache-off'] === true;
      runs.push(
        await measureStore('postgres', {
          env: { ENGRAM_DATABASE_URL: postgres.url },
          ...(compared && { label: 'PostgreSQL this tree' }),
          statements: statements.count,
        }),
      );
      // After this tree's run: a first run right after the load pays for what
      // the load left behind (cold pages), so the comparison does not favour it.
      if (values['postgres-cache-off'] === true) {
        runs.push(
          await measureStore('postgres', {
            env: { ENGRAM_DATABASE_URL: postgres.url, ENGRAM_CANDIDATE_CACHE_MEMORIES: '0' },
            label: 'PostgreSQL cache off',
            statements: statements.count,
          }),
        );
      }
    } finally {
      await statements.close();
    }
  } finally {
    await postgres.cluster.destroy();
  }
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
// The machine may be shared: the load average says how much else was running.
const load = `load average at start ${startLoad.toFixed(2)}, at end ${(loadavg()[0] ?? 0).toFixed(2)}`;
const lines = [
  '',
  `bench:fetch — ${new Date().toISOString()} — ${machine}`,
  `${count(shape.memories)} memories: ${count(shape.users)} users (~${count(Math.round((shape.memories - shape.bigUser - shape.clientMemories) / shape.users))} each), ` +
    `big user ${count(shape.bigUser)}, client scope ${count(shape.clientMemories)}; max_results ${values['max-results']}; ` +
    `${values.seconds} s measured per row after ${values.warmup} s warm-up; server in its own process, fetch result cache off; ${load}`,
  ...(postgresNote ? [postgresNote] : []),
  '',
  ...runs.flatMap((run) => [...storeTable(run), '']),
  ...(runs.length >= 2 ? sideBySide(runs) : []),
];
log(lines.join('\n'));
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  `bench/results/fetch-${Date.now()}.json`,
  JSON.stringify(
    {
      machine,
      load,
      shape,
      corpus: { ...corpus, instance: undefined },
      runs: runs.map(({ serverOutput: _output, ...run }) => run),
    },
    null,
    2,
  ),
);
