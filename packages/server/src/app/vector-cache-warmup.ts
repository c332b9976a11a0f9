import type { EngramConfig, EngramStore, VectorCacheWarmup } from '@engram/core';
import type { Logger } from '../logger.js';
import type { EmbedderProvider } from './adapters.js';

/** A warm-up running in the background. */
export interface RunningVectorCacheWarmup {
  /** What was copied once the warm-up has finished or been stopped; undefined when it failed. Never rejects. */
  readonly done: Promise<VectorCacheWarmup | undefined>;
  /** Asks it to stop at its next yield and waits for that. Idempotent. */
  stop(): Promise<unknown>;
}

/**
 * Bytes of the vector copy one ranking connection holds: the process's
 * `vectorCacheMb`, split evenly between `rankers` (its retrieval threads, or
 * the main thread alone), since each ranks any user.
 */
export function vectorCacheBytesOf(config: EngramConfig, rankers = 1): number {
  return Math.floor((config.vectorCacheMb * 2 ** 20) / Math.max(1, rankers));
}

/**
 * Fills the store's in-process vector copy in the background with vectors
 * of the embedder's dimensions (the port's optional VectorIndex.warmCache),
 * so a user's first fetch after a start scores their vectors in memory
 * instead of reading them from the database. Requests are served meanwhile.
 * Logs `vector-cache-warmed` (scopes, vectors, MiB, seconds, complete); a
 * failure is a warning and changes nothing else (searches read the database
 * as before). Undefined, starting nothing, when `warmVectorCache` is off,
 * there is no copy (`vectorCacheMb` 0) or the store's index offers no warm-up.
 */
export function startVectorCacheWarmup(
  config: EngramConfig,
  store: Pick<EngramStore, 'vectors'>,
  embedder: EmbedderProvider,
  logger: Logger,
): RunningVectorCacheWarmup | undefined {
  const warmCache = store.vectors.warmCache?.bind(store.vectors);
  if (!config.warmVectorCache || config.vectorCacheMb <= 0 || warmCache === undefined) return undefined;
  const abort = new AbortController();
  const started = performance.now();
  const done = (async () => {
    try {
      const { dimensions } = await embedder();
      const warmed = await warmCache(dimensions, { signal: abort.signal });
      logger.info('vector-cache-warmed', {
        scopes: warmed.scopes,
        vectors: warmed.vectors,
        mib: Math.round(warmed.bytes / 2 ** 20),
        seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
        complete: warmed.complete,
      });
      return warmed;
    } catch (error) {
      logger.warn('vector-cache-warmup-failed', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  })();
  return {
    done,
    stop: () => {
      abort.abort();
      return done;
    },
  };
}
