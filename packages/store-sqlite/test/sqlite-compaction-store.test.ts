import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compactionStoreConformanceSuite } from '../../core/test-support/compaction-store-conformance.js';
import { SqliteEngramStore } from '../src/index.js';

const directory = mkdtempSync(join(tmpdir(), 'engram-sqlite-compactions-'));
const path = join(directory, 'engram.db');
let current: SqliteEngramStore | undefined;

compactionStoreConformanceSuite('sqlite', {
  async open() {
    current = SqliteEngramStore.open(path);
    return current;
  },
  async reopen() {
    await current?.close();
    current = SqliteEngramStore.open(path);
    return current;
  },
  async dispose() {
    await current?.close();
    rmSync(directory, { recursive: true, force: true });
  },
});
