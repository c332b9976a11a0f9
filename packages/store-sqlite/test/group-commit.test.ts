import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { GroupCommit } from '../src/group-commit.js';
import { openSqliteDatabase, type SqliteHandle } from '../src/sqlite-database.js';

// GroupCommit against a real SQLite file. A deferred foreign key is checked
// only at COMMIT, which gives two probes: a child written before its parent
// commits only if both share one transaction, and a dangling child makes the
// commit itself fail.
describe('GroupCommit', () => {
  const directory = mkdtempSync(join(tmpdir(), 'engram-group-commit-'));
  let database: SqliteHandle;
  let parents: GroupCommit<string, string>;
  let children: GroupCommit<{ id: string; parent: string }, string>;
  let ledger: GroupCommit<string, string>;
  let ledgerRuns = 0;

  const ids = (table: string) =>
    (database.prepare(`SELECT id FROM ${table} ORDER BY id`).pluck().all() as string[]).join(',');

  before(() => {
    database = openSqliteDatabase(join(directory, 'group.db'));
    database.exec(`
      CREATE TABLE parents (id TEXT PRIMARY KEY);
      CREATE TABLE children (id TEXT PRIMARY KEY,
        parent TEXT NOT NULL REFERENCES parents(id) DEFERRABLE INITIALLY DEFERRED);
      CREATE TABLE ledger (id TEXT PRIMARY KEY);`);
    const insertParent = database.prepare('INSERT INTO parents (id) VALUES (?)');
    const insertChild = database.prepare('INSERT INTO children (id, parent) VALUES (?, ?)');
    const insertLedger = database.prepare('INSERT INTO ledger (id) VALUES (?)');
    parents = new GroupCommit(
      database,
      (id: string) => {
        insertParent.run(id);
        return id;
      },
      { replayable: true },
    );
    children = new GroupCommit(
      database,
      (child: { id: string; parent: string }) => {
        insertChild.run(child.id, child.parent);
        return child.id;
      },
      { replayable: true },
    );
    // Not replayable: counts its runs, as a write that touches memory would.
    ledger = new GroupCommit(database, (id: string) => {
      ledgerRuns += 1;
      insertLedger.run(id);
      return id;
    });
  });

  after(() => {
    database.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('commits the writes of one turn, across queues, in one transaction', async () => {
    // The child comes first: committed on its own it would break the foreign key.
    const results = await Promise.all([
      children.submit({ id: 'c1', parent: 'p1' }),
      parents.submit('p1'),
      ledger.submit('l1'),
    ]);
    assert.deepEqual(results, ['c1', 'p1', 'l1']);
    assert.equal(ids('children'), 'c1');
    assert.equal(ids('parents'), 'p1');
  });

  it('fails only the write that failed; the rest of its turn commits', async () => {
    const settled = await Promise.allSettled([
      parents.submit('p2'),
      parents.submit('p1'), // duplicate key
      parents.submit('p3'),
    ]);
    assert.deepEqual(
      settled.map((outcome) => outcome.status),
      ['fulfilled', 'rejected', 'fulfilled'],
    );
    assert.equal(ids('parents'), 'p1,p2,p3');
  });

  it('never replays a write that is not replayable', async () => {
    const runsBefore = ledgerRuns;
    const settled = await Promise.allSettled([
      ledger.submit('l2'),
      parents.submit('p2'), // duplicate key, in the same turn as the ledger write
      ledger.submit('l3'),
    ]);
    assert.deepEqual(
      settled.map((outcome) => outcome.status),
      ['fulfilled', 'rejected', 'fulfilled'],
    );
    assert.equal(ledgerRuns - runsBefore, 2);
    assert.equal(ids('ledger'), 'l1,l2,l3');
  });

  it('fails every request of a transaction whose commit fails, and keeps what was acknowledged', async () => {
    await parents.submit('p4');
    // Replayable writes only (tried together, then replayed one by one), then mixed.
    const replayable = await Promise.allSettled([
      parents.submit('p5'),
      children.submit({ id: 'dangling', parent: 'nobody' }),
    ]);
    assert.deepEqual(
      replayable.map((outcome) => outcome.status),
      ['rejected', 'rejected'],
    );
    const settled = await Promise.allSettled([
      parents.submit('p5'),
      children.submit({ id: 'dangling', parent: 'nobody' }),
      ledger.submit('l4'),
    ]);
    assert.deepEqual(
      settled.map((outcome) => outcome.status),
      ['rejected', 'rejected', 'rejected'],
    );
    assert.equal(ids('parents'), 'p1,p2,p3,p4');
    assert.equal(ids('children'), 'c1');
    assert.equal(ids('ledger'), 'l1,l2,l3');
    // The next turn commits normally.
    assert.equal(await parents.submit('p5'), 'p5');
  });

  /** Another thread holds the write lock for `ms`; resolves once it has it, with a promise of its exit. */
  async function holdWriteLock(ms: number): Promise<{ exited: Promise<unknown> }> {
    const holder = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const database = new (require(workerData.driver))(workerData.path);
       database.exec('BEGIN IMMEDIATE');
       parentPort.postMessage('locked');
       Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.ms);
       database.exec('COMMIT');
       database.close();`,
      {
        eval: true,
        workerData: {
          driver: createRequire(import.meta.url).resolve('better-sqlite3'),
          path: join(directory, 'group.db'),
          ms,
        },
      },
    );
    const exited = new Promise((resolve) => holder.once('exit', resolve));
    await new Promise((resolve) => holder.once('message', resolve));
    // Wrapped: an async function returning the promise itself would wait for the exit.
    return { exited };
  }

  /** Runs `body` with this connection's busy_timeout at 0, as when BEGIN IMMEDIATE fails at once during a WAL truncation. */
  async function withoutBusyWait(body: () => Promise<void>): Promise<void> {
    database.pragma('busy_timeout = 0');
    try {
      await body();
    } finally {
      database.pragma('busy_timeout = 5000');
    }
  }

  it('waits for a write lock another connection holds (a checkpoint) instead of failing', async () => {
    // Another thread takes the write lock, as a TRUNCATE checkpoint does, and keeps it for 150 ms.
    const { exited } = await holdWriteLock(150);
    // A turn whose first write reads before it writes: inside a deferred
    // transaction SQLite would answer SQLITE_BUSY at once, without waiting.
    const readThenWrite = new GroupCommit(database, (id: string) => {
      database.prepare('SELECT count(*) FROM ledger').get();
      database.prepare('INSERT INTO ledger (id) VALUES (?)').run(id);
      return id;
    });
    assert.equal(await readThenWrite.submit('l5'), 'l5');
    await exited;
  });

  it('tries a turn again when BEGIN finds the database locked at once, keeping the order of writes', async () => {
    // busy_timeout 0: BEGIN IMMEDIATE fails at once, as it can while another connection truncates the WAL.
    await withoutBusyWait(async () => {
      const { exited } = await holdWriteLock(120);
      const first = Promise.all([parents.submit('q1'), ledger.submit('q2')]);
      await new Promise((resolve) => setTimeout(resolve, 15));
      // Queued while the first turn waits to be tried again: it must not commit before it.
      const second = parents.submit('q3');
      assert.deepEqual(await first, ['q1', 'q2']);
      assert.equal(await second, 'q3');
      await exited;
      const order = database
        .prepare("SELECT id FROM parents WHERE id LIKE 'q%' ORDER BY rowid")
        .pluck()
        .all() as string[];
      assert.deepEqual(order, ['q1', 'q3']);
    });
  });

  it('fails a write locked out past every retry with STORE_UNAVAILABLE, writing nothing', async () => {
    await withoutBusyWait(async () => {
      const { exited } = await holdWriteLock(2_000);
      await assert.rejects(
        parents.submit('q4'),
        (error: { code?: string }) => error.code === 'STORE_UNAVAILABLE',
      );
      await exited;
      assert.equal(ids('parents').includes('q4'), false);
      assert.equal(await parents.submit('q4'), 'q4');
    });
  });

  it('resolves nothing before its commit', async () => {
    const pending = parents.submit('p6');
    // Still queued: no transaction was opened in this turn.
    assert.equal(database.inTransaction, false);
    assert.equal(ids('parents').includes('p6'), false);
    await pending;
    assert.equal(ids('parents').includes('p6'), true);
  });
});
