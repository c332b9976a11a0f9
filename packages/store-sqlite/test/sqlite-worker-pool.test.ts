import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workerPoolConformanceSuite } from '@engram/core/test-support';
import { SqliteEngramStore } from '../src/index.js';

const directory = mkdtempSync(join(tmpdir(), 'engram-sqlite-worker-pool-'));
const opened: SqliteEngramStore[] = [];

// A new file per `open`: each test wants an empty queue.
workerPoolConformanceSuite('sqlite', {
  async open() {
    const store = SqliteEngramStore.open(join(directory, `jobs-${opened.length}.db`));
    opened.push(store);
    return store;
  },
  async reopen() {
    throw new Error('not used by this suite');
  },
  async dispose() {
    for (const store of opened) await store.close();
    rmSync(directory, { recursive: true, force: true });
  },
});
