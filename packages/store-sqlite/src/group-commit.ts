import type { SqliteHandle } from './sqlite-database.js';

interface Pending<Input, Output> {
  input: Input;
  resolve: (output: Output) => void;
  reject: (error: unknown) => void;
}

/**
 * Batches writes that arrive in the same event-loop turn into one SQLite
 * transaction, each inside its own savepoint: one caller's failure rolls back
 * only its own writes, and the others still commit. A commit costs far more
 * than the rows it writes (the WAL append), so concurrent callers share it; a
 * lone call commits on the next turn with no timer delay. Every promise
 * settles only after the commit that holds its writes (or its rollback).
 */
export class GroupCommit<Input, Output> {
  private readonly single: (input: Input) => Output;
  private readonly batch: (
    pending: readonly Pending<Input, Output>[],
  ) => ({ output: Output } | { error: unknown })[];
  private pending: Pending<Input, Output>[] = [];
  private flushScheduled = false;

  /** `write` runs synchronously inside the shared transaction; it must not await. */
  constructor(database: SqliteHandle, write: (input: Input) => Output) {
    // A better-sqlite3 transaction called inside another becomes a savepoint.
    this.single = database.transaction(write);
    this.batch = database.transaction((pending: readonly Pending<Input, Output>[]) =>
      pending.map((entry) => {
        try {
          return { output: this.single(entry.input) };
        } catch (error) {
          return { error };
        }
      }),
    );
  }

  /** Queues `input` for the next group commit; resolves with `write`'s result once committed. */
  submit(input: Input): Promise<Output> {
    return new Promise((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const pending = this.pending;
    this.pending = [];
    this.flushScheduled = false;
    let outcomes: ({ output: Output } | { error: unknown })[];
    try {
      outcomes = this.batch(pending);
    } catch (error) {
      // The commit itself failed (disk full, busy past the timeout): nothing was written.
      for (const entry of pending) entry.reject(error);
      return;
    }
    outcomes.forEach((outcome, index) => {
      const entry = pending[index] as Pending<Input, Output>;
      if ('output' in outcome) entry.resolve(outcome.output);
      else entry.reject(outcome.error);
    });
  }
}
