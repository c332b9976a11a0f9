// Storage errors mapped precisely, checked against errors real SQLite raises:
// only a unique or primary-key violation is a CONFLICT.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openSqliteDatabase } from '../src/sqlite-database.js';
import { storageError } from '../src/storage-error.js';

const directory = mkdtempSync(join(tmpdir(), 'engram-storage-error-'));
after(() => rmSync(directory, { recursive: true, force: true }));

/** The error `action` throws (it must throw). */
function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  assert.fail('expected a throw');
}

describe('storageError', () => {
  const database = openSqliteDatabase(join(directory, 'errors.db'));
  database.exec(`CREATE TABLE parent (id TEXT PRIMARY KEY);
    CREATE TABLE child (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, parent_id TEXT REFERENCES parent(id))`);
  database.prepare("INSERT INTO child (id, name) VALUES ('c1', 'one')").run();

  it('maps primary-key and unique violations to CONFLICT', () => {
    const duplicateKey = thrown(() =>
      database.prepare("INSERT INTO child (id, name) VALUES ('c1', 'x')").run(),
    );
    assert.equal(storageError(duplicateKey, 'taken').code, 'CONFLICT');
    const duplicateName = thrown(() =>
      database.prepare("INSERT INTO child (id, name) VALUES ('c2', 'one')").run(),
    );
    assert.equal(storageError(duplicateName, 'taken').code, 'CONFLICT');
  });

  it('maps NOT NULL and foreign-key failures, and non-SQLite errors, to INTERNAL', () => {
    const notNull = thrown(() => database.prepare("INSERT INTO child (id, name) VALUES ('c3', NULL)").run());
    assert.equal(storageError(notNull, 'taken').code, 'INTERNAL');
    const foreign = thrown(() =>
      database.prepare("INSERT INTO child (id, name, parent_id) VALUES ('c4', 'four', 'nobody')").run(),
    );
    assert.equal(storageError(foreign, 'taken').code, 'INTERNAL');
    assert.equal(storageError(new RangeError('Maximum call stack size exceeded'), 'taken').code, 'INTERNAL');
  });

  it('maps a locked database to STORE_UNAVAILABLE (retryable)', () => {
    const holder = openSqliteDatabase(join(directory, 'errors.db'));
    const waiter = openSqliteDatabase(join(directory, 'errors.db'));
    waiter.pragma('busy_timeout = 0');
    holder.exec('BEGIN IMMEDIATE');
    try {
      const busy = thrown(() => waiter.prepare("INSERT INTO parent (id) VALUES ('p1')").run());
      const mapped = storageError(busy, 'taken');
      assert.equal(mapped.code, 'STORE_UNAVAILABLE');
      assert.equal(mapped.retryable, true);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
      waiter.close();
    }
  });
});
