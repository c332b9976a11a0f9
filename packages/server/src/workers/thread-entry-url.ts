/**
 * The file a worker thread starts from, next to `poolModuleUrl` (the calling
 * pool's `import.meta.url`). Built JavaScript starts the thread's module
 * itself; TypeScript sources (tests, run through tsx) start its `-entry.mjs`
 * twin, because a worker does not inherit the parent's tsx loader.
 */
export function threadEntryUrl(poolModuleUrl: string, threadModule: string): URL {
  const fromSource = poolModuleUrl.endsWith('.ts');
  return new URL(fromSource ? `./${threadModule}-entry.mjs` : `./${threadModule}.js`, poolModuleUrl);
}
