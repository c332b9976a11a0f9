#!/usr/bin/env node
// Runs every test file with Node's built-in test runner (TypeScript through tsx).
// Packages resolve to their TypeScript sources (the `engram-source` export
// condition), so tests never read a stale build; NODE_OPTIONS carries tsx and
// the condition into every process a test starts (the `engram` CLI included).
// Node 20 does not expand globs after --test, so the files are listed here.
// Usage: npm test [-- substring ...]  (only files whose path contains a substring)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);

/** Collects `*.test.ts` files under `dir`, skipping dependencies. */
function collect(dir, found) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path, found);
    else if (name.endsWith('.test.ts')) found.push(relative(root, path));
  }
  return found;
}

const files = [...collect(join(root, 'packages'), []), ...collect(join(root, 'bench'), [])]
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const concurrency = process.env.ENGRAM_TEST_CONCURRENCY ?? '2';
// An absolute URL: a bare `tsx` would be resolved from each child's working directory.
const tsx = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;
const nodeOptions = [process.env.NODE_OPTIONS, `--import=${tsx}`, '--conditions=engram-source']
  .filter(Boolean)
  .join(' ');
const result = spawnSync(
  process.execPath,
  ['--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files],
  { stdio: 'inherit', cwd: root, env: { ...process.env, NODE_OPTIONS: nodeOptions } },
);
process.exit(result.status ?? 1);
