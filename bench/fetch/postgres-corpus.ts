import { createGloveEmbedder } from '@engram/embedder-glove';
import { PostgresEngramStore } from '@engram/store-postgres';
import type { CorpusShape } from './corpus-shape.js';
import { type CorpusInstance, writeCorpus } from './corpus-writer.js';

/**
 * Writes the synthetic corpus of `shape` into the PostgreSQL database at
 * `url` through the adapter's own `applyIngestion`, exactly as the SQLite
 * corpus is written (same generator, same seed: the same texts, vectors and
 * entity links; ids differ). Not cached: the cluster is thrown away with the
 * run. Returns the instance's credentials and the seconds it took; ANALYZE
 * runs at the end so the planner sees the tables' real sizes, as autovacuum
 * would have on a long-running server.
 */
export async function writePostgresCorpus(
  url: string,
  shape: CorpusShape,
  modelCacheDir: string,
  log: (line: string) => void,
): Promise<{ instance: CorpusInstance; seconds: number }> {
  const started = performance.now();
  const embedder = await createGloveEmbedder({ cacheDir: modelCacheDir });
  const store = await PostgresEngramStore.open(url, {
    // Hundreds of sessions are queued at once: they wait for a connection, not time out.
    pool: { maxConnections: 8, connectionTimeoutMs: 300_000 },
    vectorCacheBytes: 0,
  });
  let reported = 0;
  try {
    const instance = await writeCorpus(
      store,
      shape,
      (text) => embedder.embedSync(text),
      (written) => {
        if (written - reported < 50_000 && written < shape.memories) return;
        reported = written;
        log(
          `  ${written.toLocaleString('en')} memories written, ${((performance.now() - started) / 1000).toFixed(0)} s`,
        );
      },
    );
    await store.database.query('ANALYZE');
    return { instance, seconds: (performance.now() - started) / 1000 };
  } finally {
    await store.close();
  }
}
