import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreFactory } from '@engram/core/test-support';
import { SqliteEngramStore } from '../../src/index.js';

/**
 * A conformance-suite factory over one SQLite file in a fresh temp directory:
 * `open` opens it, `reopen` closes and opens the same file (durability),
 * `dispose` closes it and deletes the directory.
 */
export function sqliteStoreFactory(
  label: string,
): StoreFactory & { current(): SqliteEngramStore | undefined } {
  const directory = mkdtempSync(join(tmpdir(), `engram-sqlite-${label}-`));
  const path = join(directory, 'engram.db');
  let current: SqliteEngramStore | undefined;
  return {
    current: () => current,
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
  };
}
