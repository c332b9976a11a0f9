// StatementBatch on a real PostgreSQL database: reads issued in one run of
// the event loop travel as one statement and each gets exactly the rows it
// would have read alone; a read issued later is a statement of its own; a
// failing batch fails every read in it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { openPostgresPool, type PostgresDatabase, type PostgresQueryable } from '../src/index.js';
import { StatementBatch } from '../src/statement-batch.js';
import { type PostgresCluster, sharedPostgresCluster } from './support/postgres-cluster.js';

describe('StatementBatch', () => {
  let cluster: PostgresCluster;
  let database: PostgresDatabase;
  const sent: string[] = [];
  // Counts the statements that reach the real database.
  const counting: PostgresQueryable = {
    query: <Row extends pg.QueryResultRow>(text: string, values?: readonly unknown[]) => {
      sent.push(text);
      return database.query<Row>(text, values);
    },
  };

  before(async () => {
    cluster = await sharedPostgresCluster();
    database = openPostgresPool(await cluster.createDatabase());
    await database.query(
      `CREATE TABLE things (id TEXT PRIMARY KEY, kind TEXT NOT NULL, weight INTEGER NOT NULL)`,
    );
    await database.query(
      `INSERT INTO things VALUES ('a', 'x', 3), ('b', 'x', 1), ('c', 'y', 2), ('d', 'z', 5)`,
    );
  });
  after(async () => {
    await database?.close();
    await cluster?.destroy();
  });

  const byKinds = 'SELECT id, weight FROM things WHERE kind = ANY($1::text[]) ORDER BY id';
  const heavierThan = 'SELECT id, kind FROM things WHERE weight > $1 AND kind <> $2 ORDER BY id';

  it('sends reads of one run as one statement, each with its own rows and parameters', async () => {
    const batch = new StatementBatch(counting);
    sent.length = 0;
    const [kinds, heavy] = await Promise.all([
      batch.rows(byKinds, [['x', 'y']]),
      batch.rows(heavierThan, [1, 'z']),
    ]);
    assert.equal(sent.length, 1, 'one round trip');
    assert.deepEqual(
      [...kinds].sort((left, right) => String(left.id).localeCompare(String(right.id))),
      (await database.query(byKinds, [['x', 'y']])).rows,
    );
    assert.deepEqual(
      [...heavy].sort((left, right) => String(left.id).localeCompare(String(right.id))),
      (await database.query(heavierThan, [1, 'z'])).rows,
    );
  });

  it('sends a read alone as it is, and a read issued after an await separately', async () => {
    const batch = new StatementBatch(counting);
    sent.length = 0;
    const first = await batch.rows(byKinds, [['z']]);
    const second = await batch.rows(byKinds, [['nothing']]);
    assert.deepEqual(sent, [byKinds, byKinds]);
    assert.deepEqual(first, [{ id: 'd', weight: 5 }]);
    assert.deepEqual(second, []);
  });

  it('fails every read of a batch that fails', async () => {
    const batch = new StatementBatch(counting);
    const results = await Promise.allSettled([
      batch.rows(byKinds, [['x']]),
      batch.rows('SELECT id FROM no_such_table WHERE id = $1', ['a']),
    ]);
    assert.deepEqual(
      results.map((result) => result.status),
      ['rejected', 'rejected'],
    );
  });
});
