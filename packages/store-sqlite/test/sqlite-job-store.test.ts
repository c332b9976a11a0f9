import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jobStoreConformanceSuite } from '@engram/core/test-support';
import { SqliteEngramStore } from '../src/index.js';

const directory = mkdtempSync(join(tmpdir(), 'engram-sqlite-jobs-'));
const opened: SqliteEngramStore[] = [];
let path = '';

// A new file per `open`: the suite wants an empty queue for every test.
jobStoreConformanceSuite('sqlite', {
  async open() {
    path = join(directory, `jobs-${opened.length}.db`);
    const store = SqliteEngramStore.open(path);
    opened.push(store);
    return store;
  },
  async reopen() {
    await opened.at(-1)?.close();
    const store = SqliteEngramStore.open(path);
    opened.push(store);
    return store;
  },
  async dispose() {
    for (const store of opened) await store.close();
    rmSync(directory, { recursive: true, force: true });
  },
});
