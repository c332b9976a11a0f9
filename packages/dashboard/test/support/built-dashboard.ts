import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;

function newestSource(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestSource(join(path, name))));
}

/**
 * Builds the dashboard unless `dist/` is newer than every source, so tests
 * on a fresh clone (where `npm ci` ran the build) or after an edit serve what
 * the sources say. Vite runs without the test runner's loader options.
 */
export function ensureDashboardBuilt(): void {
  const index = join(root, 'dist/index.html');
  const sources = ['src', 'public', 'index.html', 'vite.config.ts'].map((name) => join(root, name));
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(...sources.map(newestSource))) return;
  const vite = join(root, '../../node_modules/vite/bin/vite.js');
  const { NODE_OPTIONS: _dropped, ...env } = process.env;
  const built = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: root,
    env,
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`vite build failed:\n${built.stdout}\n${built.stderr}`);
}
