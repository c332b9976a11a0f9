import { SHARED_MODEL_CACHE } from './test-server.js';

/**
 * The environment of Engram processes that share the PostgreSQL database
 * at `url` (only the model cache lives on disk, under `dataDir`): fast job
 * polling, no extraction threads, no rate limits, no default instance.
 * Callers add the role (`ENGRAM_WORKER_CONCURRENCY`) and their own settings.
 */
export function postgresNodeEnv(url: string, dataDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ENGRAM_DATABASE_URL: url,
    ENGRAM_DATA_DIR: dataDir,
    ENGRAM_MODEL_CACHE_DIR: SHARED_MODEL_CACHE,
    ENGRAM_BOOTSTRAP_DEFAULT_INSTANCE: 'false',
    ENGRAM_JOB_POLL_MS: '50',
    ENGRAM_EXTRACTION_THREADS: '0',
    ENGRAM_RATE_LIMIT_KEY_PER_SECOND: '0',
    ENGRAM_RATE_LIMIT_INSTANCE_PER_SECOND: '0',
  };
}

/** Resolves with `probe`'s first defined value, polling every 50 ms; rejects naming `what` after `timeoutMs`. */
export async function until<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
