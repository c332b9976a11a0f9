// `node --expose-gc bench/start/memory-by-stage.mjs [TREE]`: where an idle
// server's memory goes. Imports a built tree's core and server (default this
// repository; pass a baseline checkout to compare), starts the server in
// process on an empty temporary data directory, and prints
// process.memoryUsage() after a full GC at each stage: node alone, core
// imported, server modules imported, listening, and after 6 s idle (the
// embedder loaded in the background, threads as they start).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const tree = resolve(process.argv[2] ?? fileURLToPath(new URL('../..', import.meta.url)));
const gc = globalThis.gc;
if (gc === undefined) throw new Error('run with --expose-gc');
const mib = (bytes) => (bytes / 2 ** 20).toFixed(0);
const show = (label) => {
  gc();
  const usage = process.memoryUsage();
  process.stdout.write(
    `${label.padEnd(32)} rss ${mib(usage.rss)} MiB  heap used ${mib(usage.heapUsed)}  external ${mib(usage.external)}  array buffers ${mib(usage.arrayBuffers)}\n`,
  );
};
const built = (path) => pathToFileURL(join(tree, path)).href;

show('node alone');
const core = await import(built('packages/core/dist/index.js'));
show('+ @engram/core imported');
const { startServer } = await import(built('packages/server/dist/app/start-server.js'));
const { createLogger } = await import(built('packages/server/dist/logger.js'));
show('+ server modules imported');
const dataDir = mkdtempSync(join(tmpdir(), 'engram-memory-'));
try {
  const config = core.engramConfigSchema.parse({ dataDir, port: 0, logLevel: 'silent' });
  const server = await startServer(config, createLogger('silent'));
  show('+ listening');
  await new Promise((done) => setTimeout(done, 6_000));
  show('+ 6 s idle');
  await server.close();
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
