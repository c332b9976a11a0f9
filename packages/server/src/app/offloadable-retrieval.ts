import type { FetchTarget, MemoryRetrieval, RankedLists } from '@engram/core';
import type { FetchRequest } from '@engram/protocol';

/**
 * Retrieval that ranks on the main thread until `offload` is set (by the
 * server, once its retrieval threads exist), then ranks there. Lets the
 * services be built before the threads, as the extraction offload does.
 */
export class OffloadableMemoryRetrieval implements MemoryRetrieval {
  /** Where fetches are ranked when set. */
  offload: MemoryRetrieval | undefined;

  constructor(private readonly local: MemoryRetrieval) {}

  retrieve(target: FetchTarget, request: FetchRequest, abortSignal?: AbortSignal): Promise<RankedLists> {
    return (this.offload ?? this.local).retrieve(target, request, abortSignal);
  }
}
