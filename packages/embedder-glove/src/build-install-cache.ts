// `node packages/embedder-glove/dist/build-install-cache.js`: builds the GloVe
// cache into the package's cache/ folder once, at install time (the root
// `prepare` script runs it after the build), so no server start converts the
// 300 MB JSON. Does nothing when a valid cache of the installed source is
// already there; exits 0 without a cache when the source package is absent
// (the server then converts on first start, as before).
import { createGloveEmbedder } from './glove-embedding-model.js';
import { INSTALL_CACHE_DIR } from './install-cache-dir.js';

const started = performance.now();
try {
  const model = await createGloveEmbedder({ cacheDir: INSTALL_CACHE_DIR, installCacheDir: false });
  process.stdout.write(
    `GloVe cache ready in ${INSTALL_CACHE_DIR} (${model.vocabularySize} words, ${Math.round(performance.now() - started)} ms)\n`,
  );
} catch (error) {
  process.stderr.write(
    `GloVe cache not built at install (${String(error)}); the server builds it on first start\n`,
  );
}
