// `npm run bench:start`: how long `npm start` takes to answer GET /health on a
// fresh data directory (first start) and on the same directory again (second
// start), and how much memory the idle server then holds with an empty
// database. The baseline is another built checkout (`--baseline DIR`, e.g. a
// `git archive main` with its node_modules and dist), measured in the same
// run, alternating with this tree round by round so load on a shared machine
// falls on both alike.
//
//   npm run bench:start -- [--baseline DIR] [--rounds 3] [--idle-seconds 8]
//
// "First start" is the first start after install: whatever the install step
// (`npm ci` runs `prepare`) left behind is used, nothing else.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cpuSecondsOfProcessGroup, rssOfProcessGroup } from '../support/process-memory.js';

const { values } = parseArgs({
  options: {
    baseline: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    'idle-seconds': { type: 'string', default: '8' },
  },
});
const THIS_TREE = fileURLToPath(new URL('../..', import.meta.url));
const rounds = Number(values.rounds);
const idleMs = Number(values['idle-seconds']) * 1000;
const log = (line: string) => process.stdout.write(`${line}\n`);

interface StartReading {
  /** Milliseconds from spawning `npm start` to the first 200 from /health. */
  healthMs: number;
  /** CPU seconds (user + system) the process group had used when /health answered: load-independent. */
  cpuSeconds: number;
  /** RSS of the server process after `idleMs` of idling, bytes. */
  idleRss: number;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Polls GET /health every 20 ms until it answers 200. */
async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(20);
  }
  throw new Error(`no /health within ${timeoutMs} ms`);
}

let nextPort = 19_400 + Math.floor(Math.random() * 400);

/** One `npm start` in `tree` on `dataDir`: time to /health, then idle RSS; stops it. */
async function startOnce(tree: string, dataDir: string): Promise<StartReading> {
  const port = nextPort++;
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: tree,
    env: { ...process.env, ENGRAM_DATA_DIR: dataDir, ENGRAM_PORT: String(port), ENGRAM_LOG_LEVEL: 'warn' },
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitForHealth(`http://127.0.0.1:${port}`, child, 120_000);
    const healthMs = performance.now() - started;
    const cpuSeconds = cpuSecondsOfProcessGroup(child.pid as number) ?? Number.NaN;
    await sleep(idleMs);
    const idleRss = rssOfProcessGroup(child.pid as number) ?? Number.NaN;
    return { healthMs, cpuSeconds, idleRss };
  } finally {
    const exited = new Promise((done) => child.once('exit', done));
    process.kill(-(child.pid as number), 'SIGTERM');
    const timer = setTimeout(() => process.kill(-(child.pid as number), 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}

const trees: { name: string; path: string }[] = [{ name: 'this tree', path: THIS_TREE }];
if (values.baseline !== undefined) trees.unshift({ name: 'baseline', path: resolve(values.baseline) });
const readings = new Map<string, { first: StartReading[]; second: StartReading[] }>(
  trees.map((tree) => [tree.name, { first: [], second: [] }]),
);

log(
  `bench:start, ${rounds} round(s), idle ${idleMs / 1000} s before reading RSS; load average ${loadavg()[0]!.toFixed(1)}`,
);
for (let round = 0; round < rounds; round += 1) {
  // Alternate the order so neither tree always runs on a cooler machine.
  const order = round % 2 === 0 ? trees : [...trees].reverse();
  for (const tree of order) {
    const dataDir = await mkdtemp(join(tmpdir(), 'engram-bench-start-'));
    try {
      const first = await startOnce(tree.path, dataDir);
      const second = await startOnce(tree.path, dataDir);
      readings.get(tree.name)!.first.push(first);
      readings.get(tree.name)!.second.push(second);
      log(
        `  round ${round + 1} ${tree.name}: first ${(first.healthMs / 1000).toFixed(2)} s (${first.cpuSeconds.toFixed(2)} s CPU), second ${(second.healthMs / 1000).toFixed(2)} s (${second.cpuSeconds.toFixed(2)} s CPU), idle RSS ${(first.idleRss / 2 ** 20).toFixed(0)} / ${(second.idleRss / 2 ** 20).toFixed(0)} MiB`,
      );
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
}

const median = (numbers: number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
log('');
log(
  '| tree | first start → /health | second start → /health | CPU to /health (first / second) | idle RSS, empty DB (second start) |',
);
log('|---|---|---|---|---|');
for (const tree of trees) {
  const { first, second } = readings.get(tree.name)!;
  log(
    `| ${tree.name} | ${(median(first.map((r) => r.healthMs)) / 1000).toFixed(2)} s | ${(median(second.map((r) => r.healthMs)) / 1000).toFixed(2)} s | ${median(first.map((r) => r.cpuSeconds)).toFixed(2)} / ${median(second.map((r) => r.cpuSeconds)).toFixed(2)} s | ${(median(second.map((r) => r.idleRss)) / 2 ** 20).toFixed(0)} MiB |`,
  );
}
log(`(medians of ${rounds}; load average at the end ${loadavg()[0]!.toFixed(1)})`);
