import { fileURLToPath } from 'node:url';

/**
 * Where the install step leaves a ready GloVe cache: the package's own
 * `cache/` folder (`src/` and `dist/` both sit one level below it). The
 * repository's `prepare` script builds it during `npm ci`; a data directory
 * without a cache of its own reads this one instead of converting.
 */
export const INSTALL_CACHE_DIR = fileURLToPath(new URL('../cache/', import.meta.url));
