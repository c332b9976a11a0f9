// The migrator applies exactly the versions a database has not recorded,
// including one numbered below the newest it has (numbers are handed out in
// ranges to parallel lines of work, so they can land out of order).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { applyMigrations, openSqliteDatabase } from '../src/index.js';

describe('sqlite migrator', () => {
  const directory = mkdtempSync(join(tmpdir(), 'engram-migrator-'));
  after(() => rmSync(directory, { recursive: true, force: true }));

  it('applies a version left in a gap below the newest recorded one, once', () => {
    const database = openSqliteDatabase(join(directory, 'gap.db'));
    try {
      const first = { version: 1, name: 'first', sql: 'CREATE TABLE gap_first (id INTEGER)' };
      const between = { version: 5, name: 'between', sql: 'CREATE TABLE gap_between (id INTEGER)' };
      const later = { version: 10, name: 'later', sql: 'CREATE TABLE gap_later (id INTEGER)' };
      assert.equal(applyMigrations(database, [first, later]), 2);
      assert.equal(applyMigrations(database, [first, between, later]), 1);
      const versions = (
        database.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as {
          version: number;
        }[]
      ).map((row) => row.version);
      assert.deepEqual(versions, [1, 5, 10]);
      database.prepare('SELECT count(*) FROM gap_between').get();
      assert.equal(applyMigrations(database, [first, between, later]), 0);
    } finally {
      database.close();
    }
  });
});
