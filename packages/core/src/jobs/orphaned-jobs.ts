import type { JobStore } from '../ports/job-store.js';
import type { Logger } from '../ports/logger.js';
import type { ProcessLiveness } from '../ports/process-liveness.js';

/**
 * Frees at once the jobs of every recorded worker node that `liveness`
 * proves gone (a process killed mid-job), and forgets those nodes; jobs of
 * nodes that cannot be proved gone keep waiting for their leases. Returns the
 * number of jobs freed.
 */
export async function recoverOrphanedJobs(
  jobs: JobStore,
  liveness: ProcessLiveness,
  ownNodeId: string,
  logger: Logger,
): Promise<number> {
  let freed = 0;
  for (const node of await jobs.listNodes()) {
    if (node.nodeId === ownNodeId || !liveness.isGone(node)) continue;
    const count = await jobs.expireLeasesOf(node.nodeId);
    await jobs.removeNode(node.nodeId);
    freed += count;
    if (count > 0) logger.info('jobs-recovered', { node_id: node.nodeId, jobs: count });
  }
  return freed;
}
