import {
  CachedMemoryRetrieval,
  type InstanceConfigService,
  type MemoryRetrieval,
  type RequestLimiter,
  type ScopeWriteGenerations,
  type StoreChange,
  type ThresholdCompaction,
} from '@engram/core';

/** The per-process caches a change committed elsewhere can make stale. */
export interface ProcessCaches {
  writeGenerations: ScopeWriteGenerations;
  /** The fetch path's retrieval: a {@link CachedMemoryRetrieval} when the result cache is on. */
  retrieval: MemoryRetrieval;
  instanceConfig: InstanceConfigService;
  limiter: RequestLimiter;
  thresholdCompaction: ThresholdCompaction;
}

/**
 * The listener a serving process subscribes to its store's change feed
 * (decision 0059): a scope's change moves its write generation (its cached
 * fetches stop matching), a configuration change drops the cached active
 * configuration, a settings change the rate-limit override and the
 * compaction threshold; `resync` (changes may have been missed) drops all.
 */
export function storeChangeListener(caches: ProcessCaches): (change: StoreChange) => void {
  return (change) => {
    if (change.kind === 'scope') caches.writeGenerations.recordWrite(change.scopeKey);
    else if (change.kind === 'instance-config') caches.instanceConfig.forget(change.instanceId);
    else if (change.kind === 'instance-settings') {
      caches.limiter.forgetOverride(change.instanceId);
      caches.thresholdCompaction.forgetSettings(change.instanceId);
    } else {
      if (caches.retrieval instanceof CachedMemoryRetrieval) caches.retrieval.clear();
      caches.instanceConfig.forget();
      caches.limiter.forgetOverride();
      caches.thresholdCompaction.forgetSettings();
    }
  };
}
