// `npm run bench:fetch:real`: the cost and latency of `fast` fetches on real
// questions. Ingests LoCoMo (read from /work/shared/datasets, never copied)
// into a fresh server, one user per conversation, then measures over one
// keep-alive connection, one request at a time:
//   - small scope: 1,000 `fast` fetches of distinct questions against the
//     user holding the first conversation (a new user's case);
//   - real questions: every LoCoMo question against its own conversation's user;
//   - GET /health (the HTTP stack), as the baseline of the same client.
// For each it prints p50/p95/p99 and the server's CPU time per request: the
// user + system time of the server's whole process tree (all threads, from
// /proc) across the run, divided by the requests. The fetch result cache is
// off, so every fetch ranks.
//
// With `--baseline DIR` (another built checkout, e.g. `git archive main` with
// its node_modules and dist) the same runs are made against a server of that
// tree in the same invocation, alternating trees run by run.
//
//   npm run bench:fetch:real -- [--baseline DIR] [--conversations 10] [--small 1000]
//     [--max-results 10] [--repeats 2] [--locomo PATH]
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_LOCOMO_PATH, type LocomoSample, loadLocomo } from '../locomo/locomo-dataset.js';
import { ingestSamples } from '../locomo/server-ingestion.js';
import { type EngramServerHandle, startEngramServer } from '../support/engram-server-process.js';
import { type LoadRequest, runClosedLoop } from '../support/http-load-generator.js';
import { formatMs, type LatencySummary } from '../support/latency-stats.js';
import { cpuSecondsOfProcessGroup, processGroupMembers } from '../support/process-memory.js';

const { values } = parseArgs({
  options: {
    baseline: { type: 'string' },
    conversations: { type: 'string', default: '10' },
    small: { type: 'string', default: '1000' },
    'max-results': { type: 'string', default: '10' },
    repeats: { type: 'string', default: '2' },
    locomo: { type: 'string', default: DEFAULT_LOCOMO_PATH },
    /** Writes a V8 CPU profile of this tree's server, covering the measured requests only. */
    'cpu-prof': { type: 'string' },
  },
});
const log = (line: string) => process.stdout.write(`${line}\n`);
const maxResults = Number(values['max-results']);
const samples = (await loadLocomo(values.locomo as string)).slice(0, Number(values.conversations));
const questionCount = samples.reduce((total, sample) => total + sample.questions.length, 0);

/** Every question with the user (conversation) it belongs to. */
const ownQuestions = samples.flatMap((sample) =>
  sample.questions.map((question) => ({ userId: sample.sampleId, question: question.question })),
);
/** Distinct question texts, for the small-scope run (all against the first conversation's user). */
const distinctQuestions = [...new Set(ownQuestions.map((entry) => entry.question))];
const smallCount = Math.min(Number(values.small), distinctQuestions.length);

function fetchRequest(userId: string, question: string): LoadRequest {
  return {
    method: 'POST',
    path: '/v1/context/user/fetch',
    body: JSON.stringify({
      user_id: userId,
      customer_id: null,
      search_query: [question],
      max_results: maxResults,
      types: ['all'],
      mode: 'fast',
    }),
  };
}

interface Measured {
  requests: number;
  errors: number;
  latency: LatencySummary;
  /** Server CPU milliseconds per request over the run. */
  cpuMsPerRequest: number;
}

/** `count` requests, one at a time on one keep-alive connection, with the server's CPU time across them. */
async function measure(server: EngramServerHandle, count: number, next: (index: number) => LoadRequest) {
  const headers = { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' };
  // A few untimed requests first: the connection, JIT and page cache warm up.
  await runClosedLoop({
    baseUrl: server.url,
    headers,
    connections: 1,
    durationMs: 500,
    warmupMs: 0,
    nextRequest: (sequence) => next((sequence * 7919) % count),
  });
  const cpuBefore = cpuSecondsOfProcessGroup(server.processGroup) ?? Number.NaN;
  const result = await runClosedLoop({
    baseUrl: server.url,
    headers,
    connections: 1,
    // Ends after `count` requests: the duration is a generous bound, the loop stops on its own below.
    durationMs: 600_000,
    warmupMs: 0,
    nextRequest: (sequence) => next(sequence % count),
    stopAfter: count,
  });
  const cpuAfter = cpuSecondsOfProcessGroup(server.processGroup) ?? Number.NaN;
  return {
    requests: result.requests,
    errors: result.errors,
    latency: result.latency,
    cpuMsPerRequest: ((cpuAfter - cpuBefore) * 1000) / result.requests,
  } satisfies Measured;
}

interface TreeRuns {
  health: Measured[];
  small: Measured[];
  real: Measured[];
  memories: number;
}

async function prepareServer(root: string, name: string, profile: boolean): Promise<EngramServerHandle> {
  const server = await startEngramServer({
    root,
    env: {
      ENGRAM_FETCH_CACHE_ENTRIES: '0',
      ...(profile && {
        NODE_OPTIONS: `--require ${fileURLToPath(new URL('../support/cpu-profile-preload.cjs', import.meta.url))}`,
        ENGRAM_CPU_PROFILE_DIR: values['cpu-prof'],
      }),
    },
  });
  const started = performance.now();
  const sessions = await ingestSamples(
    { baseUrl: server.url, apiKey: server.apiKey },
    samples as LocomoSample[],
    {
      concurrency: 2,
      pollIntervalMs: 50,
      timeoutMs: 300_000,
    },
  );
  const failed = sessions.filter((session) => session.status !== 'completed');
  const memories = sessions.reduce((total, session) => total + (session.memoriesCreated ?? 0), 0);
  log(
    `${name}: ingested ${sessions.length} sessions (${memories} memories, ${failed.length} not completed) in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  return server;
}

const trees = [{ name: 'this tree', root: undefined as string | undefined }];
if (values.baseline !== undefined) trees.unshift({ name: 'baseline', root: resolve(values.baseline) });
log(
  `bench:fetch:real — LoCoMo ${samples.length} conversations, ${questionCount} questions (${distinctQuestions.length} distinct); max_results ${maxResults}; fetch result cache off`,
);
const servers = new Map<string, EngramServerHandle>();
const runs = new Map<string, TreeRuns>();
try {
  for (const tree of trees) {
    const profile = values['cpu-prof'] !== undefined && tree.root === undefined;
    const server = await prepareServer(tree.root ?? resolve('.'), tree.name, profile);
    servers.set(tree.name, server);
    // The profile starts over here: ingestion is not what it is for.
    if (profile)
      for (const pid of processGroupMembers(server.processGroup, 'serve')) process.kill(pid, 'SIGUSR2');
    runs.set(tree.name, { health: [], small: [], real: [], memories: 0 });
  }
  const startLoad = loadavg()[0] ?? 0;
  const repeats = Number(values.repeats);
  for (let repeat = 0; repeat < repeats; repeat += 1) {
    const order = repeat % 2 === 0 ? trees : [...trees].reverse();
    for (const tree of order) {
      const server = servers.get(tree.name)!;
      const target = runs.get(tree.name)!;
      target.health.push(await measure(server, 1_000, () => ({ method: 'GET', path: '/health' })));
      const firstUser = samples[0]!.sampleId;
      target.small.push(
        await measure(server, smallCount, (index) => fetchRequest(firstUser, distinctQuestions[index]!)),
      );
      target.real.push(
        await measure(server, ownQuestions.length, (index) =>
          fetchRequest(ownQuestions[index]!.userId, ownQuestions[index]!.question),
        ),
      );
      log(
        `  repeat ${repeat + 1} ${tree.name}: small-scope ${target.small.at(-1)!.cpuMsPerRequest.toFixed(2)} ms CPU/fetch, real questions ${target.real.at(-1)!.cpuMsPerRequest.toFixed(2)} ms CPU/fetch, p95 ${formatMs(target.real.at(-1)!.latency.p95)} ms`,
      );
    }
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  log('');
  log(
    `bench:fetch:real — ${new Date().toISOString()} — ${machine}; load average at start ${startLoad.toFixed(2)}, at end ${(loadavg()[0] ?? 0).toFixed(2)}`,
  );
  log('(best of the repeats by CPU per request: the machine is shared, other load only adds)');
  log('| tree | run | requests | errors | p50 ms | p95 ms | p99 ms | server CPU ms / request |');
  log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const tree of trees) {
    const target = runs.get(tree.name)!;
    for (const [label, measured] of [
      ['GET /health', target.health],
      [`fast, small scope (1 user, ${smallCount} distinct questions)`, target.small],
      [`fast, real questions (${ownQuestions.length}, own user)`, target.real],
    ] as const) {
      const best = [...measured].sort((left, right) => left.cpuMsPerRequest - right.cpuMsPerRequest)[0]!;
      log(
        `| ${tree.name} | ${label} | ${best.requests} | ${best.errors} | ${formatMs(best.latency.p50)} | ${formatMs(best.latency.p95)} | ${formatMs(best.latency.p99)} | ${best.cpuMsPerRequest.toFixed(2)} |`,
      );
    }
  }
} finally {
  await Promise.all([...servers.values()].map((server) => server.stop()));
}
