// `npm run bench:dashboard`: what serving the console at /dashboard costs.
// 1. Start time: `engram serve` (the built server, API-only so that loading
//    models does not drown the difference) started again and again on a
//    prepared data directory with ENGRAM_DASHBOARD=false (baseline) and
//    =true, alternating, from spawn to the `server-listening` line; plus the
//    first (cold) and later GET /dashboard/ with the console on.
// 2. The same difference without process noise: createApp() in this
//    process over one opened store, with the console off and on, alternating.
// 3. API latency: closed-loop GET /health and user fetches against a server
//    with the console off (baseline) and on, alternating rounds.
//
//   npm run bench:dashboard -- [--starts 15] [--seconds 5] [--rounds 2] [--connections 4] [--parts start,app,api]
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { resolveConfig, silentLogger } from '@engram/core';
import {
  createApp,
  createEngramServices,
  createModelAdapters,
  type EngramVariables,
  mountDashboard,
} from '@engram/server';
import { SqliteEngramStore } from '@engram/store-sqlite';
import { Hono } from 'hono';
import { BENCHMARK_LIMITS, startEngramServer } from '../support/engram-server-process.js';
import { runClosedLoop } from '../support/http-load-generator.js';
import { formatMs, summariseLatencies } from '../support/latency-stats.js';

const { values } = parseArgs({
  options: {
    starts: { type: 'string', default: '15' },
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '2' },
    connections: { type: 'string', default: '4' },
    /** Which parts to run: start (process starts), app (in process), api (HTTP load). */
    parts: { type: 'string', default: 'start,app,api' },
  },
});
const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'packages/server/bin/engram.js');

/** Spawns `engram serve`; resolves with ms from spawn to listening, the URL, and a stop function. */
function serveOnce(dataDir: string, dashboard: boolean) {
  const started = performance.now();
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0'], {
    env: {
      ...process.env,
      ...BENCHMARK_LIMITS,
      ENGRAM_DATA_DIR: dataDir,
      ENGRAM_WORKER_CONCURRENCY: '0',
      ENGRAM_DASHBOARD: String(dashboard),
      NODE_OPTIONS: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise<{ ms: number; url: string; stop: () => Promise<void> }>((resolve, reject) => {
    createInterface({ input: child.stderr }).on('line', () => undefined);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const url = /"event":"server-listening","url":"([^"]+)"/.exec(line)?.[1];
      if (!url) return;
      const ms = performance.now() - started;
      resolve({
        ms,
        url: url.replace(/\/+$/, ''),
        stop: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => reject(new Error(`engram serve exited with ${code} before listening`)));
  });
}

async function startTimes() {
  const starts = Number(values.starts);
  const dirs = {
    off: mkdtempSync(join(tmpdir(), 'engram-bench-dash-')),
    on: mkdtempSync(join(tmpdir(), 'engram-bench-dash-')),
  };
  const times: Record<'off' | 'on', number[]> = { off: [], on: [] };
  const firstPage: number[] = [];
  const laterPage: number[] = [];
  try {
    // One discarded start each: migrations and the default instance happen there.
    for (const setting of ['off', 'on'] as const)
      await (await serveOnce(dirs[setting], setting === 'on')).stop();
    for (let round = 0; round < starts; round++) {
      const order = round % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const);
      for (const setting of order) {
        const running = await serveOnce(dirs[setting], setting === 'on');
        times[setting].push(running.ms);
        if (setting === 'on') {
          let t = performance.now();
          const first = await fetch(`${running.url}/dashboard/`);
          await first.arrayBuffer();
          firstPage.push(performance.now() - t);
          if (first.status !== 200)
            throw new Error(`GET /dashboard/ answered ${first.status}: run npm run build`);
          t = performance.now();
          await (await fetch(`${running.url}/dashboard/`)).arrayBuffer();
          laterPage.push(performance.now() - t);
        }
        await running.stop();
      }
    }
  } finally {
    rmSync(dirs.off, { recursive: true, force: true });
    rmSync(dirs.on, { recursive: true, force: true });
  }
  const off = summariseLatencies(times.off);
  const on = summariseLatencies(times.on);
  console.log(`\nStart to server-listening, ${starts} starts each (ms):\n`);
  console.log('| server | p50 | p95 | p99 | mean |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  console.log(
    `| ENGRAM_DASHBOARD=false (baseline) | ${formatMs(off.p50)} | ${formatMs(off.p95)} | ${formatMs(off.p99)} | ${formatMs(off.mean)} |`,
  );
  console.log(
    `| ENGRAM_DASHBOARD=true | ${formatMs(on.p50)} | ${formatMs(on.p95)} | ${formatMs(on.p99)} | ${formatMs(on.mean)} |`,
  );
  console.log(
    `| difference (true − false) | ${formatMs(on.p50 - off.p50)} | ${formatMs(on.p95 - off.p95)} | | ${formatMs(on.mean - off.mean)} |`,
  );
  const cold = summariseLatencies(firstPage);
  const warm = summariseLatencies(laterPage);
  console.log(
    `\nGET /dashboard/ after start: first (reads the file) p50 ${formatMs(cold.p50)} ms, p95 ${formatMs(cold.p95)} ms; second p50 ${formatMs(warm.p50)} ms`,
  );
}

async function createAppTimes() {
  const dataDir = mkdtempSync(join(tmpdir(), 'engram-bench-dash-'));
  const store = SqliteEngramStore.open(join(dataDir, 'engram.db'));
  try {
    const iterations = 200;
    const times: Record<'off' | 'on', number[]> = { off: [], on: [] };
    const models = createModelAdapters(resolveConfig({ env: {} }), silentLogger);
    const services = {
      off: createEngramServices({
        config: { ...resolveConfig({ env: {} }), dataDir, dashboard: false },
        logger: silentLogger,
        store,
        models,
      }),
      on: createEngramServices({
        config: { ...resolveConfig({ env: {} }), dataDir, dashboard: true },
        logger: silentLogger,
        store,
        models,
      }),
    };
    // Two passes each, alternating; the first pass of each is warm-up and is dropped below.
    for (const setting of ['off', 'on', 'off', 'on'] as const) {
      for (let i = 0; i < iterations; i++) {
        const started = performance.now();
        createApp(services[setting]);
        times[setting].push(performance.now() - started);
      }
    }
    // The only start-up work the console adds: registering its five static routes.
    const mounts: number[] = [];
    for (let i = 0; i < 2 * iterations; i++) {
      const app = new Hono<{ Variables: EngramVariables }>();
      const started = performance.now();
      mountDashboard(app);
      mounts.push(performance.now() - started);
    }
    const mount = summariseLatencies(mounts.slice(-iterations));
    // Routing cost without sockets: GET /health through each app's fetch, alternating blocks.
    const apps = { off: createApp(services.off), on: createApp(services.on) };
    const routed: Record<'off' | 'on', number[]> = { off: [], on: [] };
    for (let block = 0; block < 40; block++) {
      for (const setting of block % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
        for (let i = 0; i < 250; i++) {
          const started = performance.now();
          await (await apps[setting].request('/health')).arrayBuffer();
          if (block >= 4) routed[setting].push(performance.now() - started);
        }
      }
    }
    const routedOff = summariseLatencies(routed.off);
    const routedOn = summariseLatencies(routed.on);
    const off = summariseLatencies(times.off.slice(-iterations));
    const on = summariseLatencies(times.on.slice(-iterations));
    console.log(`\ncreateApp() in process, ${iterations} calls each after as many warm-up calls (ms):\n`);
    console.log('| app | p50 | p95 | p99 |');
    console.log('| --- | ---: | ---: | ---: |');
    console.log(
      `| dashboard off (baseline) | ${off.p50.toFixed(3)} | ${off.p95.toFixed(3)} | ${off.p99.toFixed(3)} |`,
    );
    console.log(`| dashboard on | ${on.p50.toFixed(3)} | ${on.p95.toFixed(3)} | ${on.p99.toFixed(3)} |`);
    console.log(
      `| mountDashboard() alone | ${mount.p50.toFixed(4)} | ${mount.p95.toFixed(4)} | ${mount.p99.toFixed(4)} |`,
    );
    console.log(
      `\nGET /health through app.request() in process, ${routed.off.length} each, alternating blocks (ms):\n`,
    );
    console.log('| app | p50 | p95 | p99 | mean |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const [name, summary] of [
      ['dashboard off (baseline)', routedOff],
      ['dashboard on', routedOn],
    ] as const) {
      console.log(
        `| ${name} | ${summary.p50.toFixed(4)} | ${summary.p95.toFixed(4)} | ${summary.p99.toFixed(4)} | ${summary.mean.toFixed(4)} |`,
      );
    }
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function apiLatency() {
  const rounds = Number(values.rounds);
  const durationMs = Number(values.seconds) * 1000;
  const connections = Number(values.connections);
  const rows: Record<string, number[][]> = {};
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? [false, true] : [true, false];
    for (const dashboard of order) {
      const server = await startEngramServer({ env: { ENGRAM_DASHBOARD: String(dashboard) } });
      try {
        const headers = { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' };
        const workloads = {
          'GET /health': () => ({ method: 'GET' as const, path: '/health' }),
          'POST /v1/context/user/fetch': (sequence: number) => ({
            method: 'POST' as const,
            path: '/v1/context/user/fetch',
            body: JSON.stringify({ user_id: `user-${sequence % 50}`, search_query: ['where do I live'] }),
          }),
        };
        for (const [name, nextRequest] of Object.entries(workloads)) {
          const result = await runClosedLoop({
            baseUrl: server.url,
            headers,
            connections,
            durationMs,
            warmupMs: 1000,
            nextRequest,
          });
          if (result.errors > 0)
            throw new Error(`${name}: ${result.errors} errors ${JSON.stringify(result.statuses)}`);
          const key = `${name} | ${dashboard ? 'on' : 'off (baseline)'}`;
          rows[key] ??= [];
          rows[key].push([
            result.requestsPerSecond,
            result.latency.p50,
            result.latency.p95,
            result.latency.p99,
          ]);
        }
      } finally {
        await server.stop();
      }
    }
  }
  console.log(
    `\nAPI latency, ${connections} connections, ${values.seconds} s × ${rounds} rounds (median of rounds):\n`,
  );
  console.log('| workload | dashboard | per second | p50 ms | p95 ms | p99 ms |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: |');
  for (const [key, samples] of Object.entries(rows).sort()) {
    const median = (column: number) => {
      const sorted = samples.map((sample) => sample[column] as number).sort((a, b) => a - b);
      return sorted[Math.floor((sorted.length - 1) / 2)] as number;
    };
    console.log(
      `| ${key} | ${Math.round(median(0)).toLocaleString('en')} | ${formatMs(median(1))} | ${formatMs(median(2))} | ${formatMs(median(3))} |`,
    );
  }
}

console.log(
  `bench:dashboard on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load ${loadavg()[0]?.toFixed(2)}, Node ${process.version}`,
);
// The built server is what `npm start` runs; bring it up to date first.
execFileSync('npx', ['tsc', '-b', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
const parts = new Set(values.parts.split(','));
if (parts.has('start')) await startTimes();
if (parts.has('app')) await createAppTimes();
if (parts.has('api')) await apiLatency();
