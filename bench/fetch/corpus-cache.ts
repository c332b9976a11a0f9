import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGloveEmbedder } from '@engram/embedder-glove';
import { SqliteEngramStore } from '@engram/store-sqlite';
import type { CorpusShape } from './corpus-shape.js';
import { type CorpusInstance, writeCorpus } from './corpus-writer.js';

/** Bump when the generator changes, so stale cached corpora are not reused. */
const CORPUS_FORMAT_VERSION = 5;
const MANIFEST_FILE = 'corpus.json';

/** A corpus on disk, ready for `engram serve` with `ENGRAM_DATA_DIR=dataDir`. */
export interface PreparedCorpus {
  dataDir: string;
  instance: CorpusInstance;
  /** False when an earlier run's corpus was reused. */
  generated: boolean;
  /** Seconds the generation took (in the run that generated it). */
  generationSeconds: number;
  /** ISO time of the generation. */
  generatedAt: string;
}

interface Manifest {
  formatVersion: number;
  shape: CorpusShape;
  instance: CorpusInstance;
  generationSeconds: number;
  generatedAt: string;
}

/** The cache folder of a shape: every parameter is in the name, so reruns with the same ones find it. */
export function corpusDirectory(cacheRoot: string, shape: CorpusShape): string {
  const { memories, users, bigUser, clientMemories, seed } = shape;
  return join(
    cacheRoot,
    `corpus-v${CORPUS_FORMAT_VERSION}-m${memories}-u${users}-b${bigUser}-c${clientMemories}-s${seed}`,
  );
}

/**
 * Returns the cached corpus of `shape` under `cacheRoot`, or generates it
 * there first (also when `fresh`). The manifest is written last, so a run
 * that died mid-generation leaves a folder that the next run rebuilds.
 * GloVe vectors come from `<cacheRoot>/models` (converted once).
 */
export async function prepareCorpus(
  cacheRoot: string,
  shape: CorpusShape,
  options: { fresh: boolean; log: (line: string) => void },
): Promise<PreparedCorpus> {
  const dataDir = corpusDirectory(cacheRoot, shape);
  const manifestPath = join(dataDir, MANIFEST_FILE);
  if (!options.fresh && existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    if (manifest.formatVersion === CORPUS_FORMAT_VERSION) {
      return {
        dataDir,
        instance: manifest.instance,
        generated: false,
        generationSeconds: manifest.generationSeconds,
        generatedAt: manifest.generatedAt,
      };
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const started = performance.now();
  const embedder = await createGloveEmbedder({ cacheDir: join(cacheRoot, 'models') });
  // The server's file name inside its data directory (see databasePath in the server).
  const store = SqliteEngramStore.open(join(dataDir, 'engram.db'));
  let reported = 0;
  let instance: CorpusInstance;
  try {
    instance = await writeCorpus(
      store,
      shape,
      (text) => embedder.embedSync(text),
      (written) => {
        if (written - reported < 100_000 && written < shape.memories) return;
        reported = written;
        const seconds = (performance.now() - started) / 1000;
        options.log(`  ${written.toLocaleString('en')} memories written, ${seconds.toFixed(0)} s`);
      },
    );
    store.database.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    await store.close();
  }
  const manifest: Manifest = {
    formatVersion: CORPUS_FORMAT_VERSION,
    shape,
    instance,
    generationSeconds: (performance.now() - started) / 1000,
    generatedAt: new Date().toISOString(),
  };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  return {
    dataDir,
    instance,
    generated: true,
    generationSeconds: manifest.generationSeconds,
    generatedAt: manifest.generatedAt,
  };
}
