import type { WorkerNode } from './job-store.js';

/** Who this process is, as a {@link WorkerNode} records it. */
export interface ProcessIdentity {
  host: string;
  pid: number;
  processStart: string;
}

/**
 * Tells whether a recorded worker process is provably gone. "Not gone" is
 * the safe answer whenever there is no proof (another host, no way to read
 * the process table): the job then waits for its lease as before.
 */
export interface ProcessLiveness {
  /** This process. */
  self(): ProcessIdentity;
  /** True only when `node` certainly no longer runs. */
  isGone(node: WorkerNode): boolean;
}
