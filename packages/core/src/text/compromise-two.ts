import { createRequire } from 'node:module';
import type Compromise from 'compromise/two';

const require = createRequire(import.meta.url);
let loaded: typeof Compromise | undefined;

/**
 * compromise's `two` build, loaded on first use rather than when core is
 * imported: building its lexicon takes about 0.5 s of CPU and 10 MB of heap,
 * which a server that only answers fetches (or has ingested nothing yet)
 * never needs. Synchronous (the package's CommonJS build), so callers stay
 * synchronous; the same library and data as its ES module build.
 */
export function compromiseTwo(): typeof Compromise {
  loaded ??= require('compromise/two') as typeof Compromise;
  return loaded;
}
