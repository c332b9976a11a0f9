import type { SqliteHandle } from './sqlite-database.js';
import { sqliteCodeOf, storageError } from './storage-error.js';

type Outcome = { output: unknown } | { error: unknown };

interface Pending {
  input: unknown;
  queue: QueueWrites;
  resolve: (output: never) => void;
  reject: (error: unknown) => void;
  /** Turns this write was put back in the queue after the database was busy. */
  retries?: number;
}

/**
 * Waits before the next try of a turn that found the database locked: the
 * write lock held by another connection (another process on the file, or a
 * TRUNCATE checkpoint, which can make BEGIN IMMEDIATE fail at once instead of
 * waiting out busy_timeout). About 1.3 s in all before the write fails with
 * STORE_UNAVAILABLE (503).
 */
const BUSY_RETRY_DELAYS_MS = [5, 10, 20, 40, 80, 160, 320, 640];

/** SQLITE_BUSY and its extended codes: another connection holds a lock. */
function isBusy(error: unknown): boolean {
  return sqliteCodeOf(error)?.startsWith('SQLITE_BUSY') === true;
}

interface QueueWrites {
  /** The write as given: runs inside the shared transaction with no savepoint of its own. */
  bare: (input: unknown) => unknown;
  /** The same write inside its own savepoint. */
  savepointed: (input: unknown) => unknown;
  replayable: boolean;
}

/** Options of a {@link GroupCommit} queue. */
export interface GroupCommitOptions {
  /**
   * True when `write` changes nothing but the database (no in-memory state), so
   * it may run twice. A turn whose writes are all replayable first runs them
   * in one transaction without savepoints; only if that fails (a write threw,
   * or the commit did) is the turn rolled back and replayed with a savepoint
   * per write, so the failure stays with the writes that caused it. Default
   * false: a savepoint per write from the start.
   */
  replayable?: boolean;
}

/**
 * Every {@link GroupCommit} queue of one connection shares one transaction a
 * turn: a message append and the job it queues, or two ingestions finishing
 * together, pay for one commit (the WAL append) between them.
 */
class TurnCommitter {
  private pending: Pending[] = [];
  private scheduled = false;
  /** Set by the isolated transaction's body: false after a failure means BEGIN itself failed. */
  private ran = false;
  private readonly together: (pending: readonly Pending[]) => Outcome[];
  private readonly isolated: (pending: readonly Pending[]) => Outcome[];

  constructor(database: SqliteHandle) {
    // BEGIN IMMEDIATE: the write lock is taken first, waiting out a background
    // checkpoint that holds it (busy_timeout), instead of failing at once when
    // a write follows a read in the same transaction.
    // Throws (and rolls back everything) on the first failing write.
    this.together = database.transaction((pending: readonly Pending[]) =>
      pending.map((entry) => ({ output: entry.queue.bare(entry.input) })),
    ).immediate;
    this.isolated = database.transaction((pending: readonly Pending[]) => {
      this.ran = true;
      return pending.map((entry) => {
        try {
          return { output: entry.queue.savepointed(entry.input) };
        } catch (error) {
          return { error };
        }
      });
    }).immediate;
  }

  /**
   * Puts a locked turn's writes back, to be tried after a short wait; false
   * (and nothing put back) once they have used every wait, so the caller fails them.
   */
  private retryLater(pending: readonly Pending[]): boolean {
    const retries = Math.max(...pending.map((entry) => entry.retries ?? 0));
    const delay = BUSY_RETRY_DELAYS_MS[retries];
    if (delay === undefined) return false;
    // Writes arriving meanwhile wait behind these (scheduled stays true), so order is kept.
    this.scheduled = true;
    setTimeout(() => {
      const retried = pending.map((entry) => ({ ...entry, retries: (entry.retries ?? 0) + 1 }));
      this.pending = [...retried, ...this.pending];
      this.flush();
    }, delay);
    return true;
  }

  add(entry: Pending): void {
    this.pending.push(entry);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    const pending = this.pending;
    this.pending = [];
    this.scheduled = false;
    let outcomes: Outcome[] | undefined;
    if (pending.every((entry) => entry.queue.replayable)) {
      try {
        outcomes = this.together(pending);
      } catch (error) {
        // Locked: the isolated replay would be locked too. Every write here may run again.
        if (isBusy(error) && this.retryLater(pending)) return;
        // Rolled back as a whole; the isolated replay below finds who failed.
        outcomes = undefined;
      }
    }
    if (outcomes === undefined) {
      this.ran = false;
      try {
        outcomes = this.isolated(pending);
      } catch (error) {
        // Locked before any write ran (BEGIN IMMEDIATE): nothing happened, so all may be tried again.
        if (isBusy(error) && !this.ran && this.retryLater(pending)) return;
        // The commit itself failed (disk full, busy past the retries): nothing was written.
        const failure = storageError(error, 'the write could not be stored');
        for (const entry of pending) entry.reject(failure);
        return;
      }
    }
    outcomes.forEach((outcome, index) => {
      const entry = pending[index] as Pending;
      if ('output' in outcome) entry.resolve(outcome.output as never);
      else entry.reject(outcome.error);
    });
  }
}

const committers = new WeakMap<SqliteHandle, TurnCommitter>();

/**
 * Batches writes that arrive in the same event-loop turn into one SQLite
 * transaction, shared with every other GroupCommit queue of the same
 * connection. One caller's failure rolls back only its own writes, and the
 * others still commit (see {@link GroupCommitOptions.replayable} for how).
 * A commit costs far more than the rows it writes, so concurrent callers
 * share it; a lone call commits on the next turn with no timer delay. Every
 * promise settles only after the commit that holds its writes (or its
 * rollback): nothing is acknowledged before it is durable.
 */
export class GroupCommit<Input, Output> {
  private readonly queue: QueueWrites;
  private readonly committer: TurnCommitter;

  /** `write` runs synchronously inside the shared transaction; it must not await. */
  constructor(database: SqliteHandle, write: (input: Input) => Output, options: GroupCommitOptions = {}) {
    let committer = committers.get(database);
    if (committer === undefined) {
      committer = new TurnCommitter(database);
      committers.set(database, committer);
    }
    this.committer = committer;
    // A better-sqlite3 transaction called inside another becomes a savepoint.
    this.queue = {
      bare: write as (input: unknown) => unknown,
      savepointed: database.transaction(write) as (input: unknown) => unknown,
      replayable: options.replayable ?? false,
    };
  }

  /** Queues `input` for the next group commit; resolves with `write`'s result once committed. */
  submit(input: Input): Promise<Output> {
    return new Promise<Output>((resolve, reject) => {
      this.committer.add({ input, queue: this.queue, resolve: resolve as (output: never) => void, reject });
    });
  }
}
