import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** One entry of a lockfile's `packages` map, as far as this module reads it. */
interface LockEntry {
  name?: string;
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  bin?: Record<string, string> | string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}

/**
 * The registry's tarball URL for `name@version`, which the repository's
 * lockfile leaves out: with it, npm finds the tarball in its cache by URL
 * instead of asking the registry where it is.
 */
function registryTarballUrl(name: string, version: string): string {
  const file = name.slice(name.lastIndexOf('/') + 1);
  return `https://registry.npmjs.org/${name}/-/${file}-${version}.tgz`;
}

/** A packed workspace package: its name and the tarball `npm pack` wrote. */
export interface PackedPackage {
  name: string;
  tarball: string;
}

/** Environment for npm and node children: no tsx loader or source condition from the test runner. */
export function cleanEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  delete env.NODE_OPTIONS;
  for (const key of Object.keys(env)) if (key.startsWith('npm_')) delete env[key];
  return env;
}

/** Runs `npm pack` in `packageDir` (its prepack builds it) and returns the tarball's path in `destination`. */
export async function packPackage(packageDir: string, destination: string): Promise<PackedPackage> {
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', destination], {
    cwd: packageDir,
    env: cleanEnvironment(),
    maxBuffer: 16 * 1024 * 1024,
  });
  const [report] = JSON.parse(stdout) as { name: string; filename: string }[];
  if (!report) throw new Error(`npm pack printed no report in ${packageDir}`);
  return { name: report.name, tarball: join(destination, report.filename) };
}

/**
 * Writes `package.json` and `package-lock.json` into `dir` so that
 * `npm ci --offline` installs `packed` from their tarballs and every other
 * package from the npm cache alone. `npm ci` in the repository stored
 * tarballs but no registry metadata, and npm cannot choose versions offline
 * without it; a lockfile copied from the repository's names each version, so
 * none has to be chosen.
 */
export function writeOfflineProject(dir: string, packed: PackedPackage[], repositoryLockPath: string): void {
  const lock = JSON.parse(readFileSync(repositoryLockPath, 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const workspaceEntry = (name: string): LockEntry | undefined =>
    Object.entries(lock.packages).find(
      ([path, entry]) => path.startsWith('packages/') && entry.name === name,
    )?.[1];
  const packages: Record<string, LockEntry> = {};
  // Node's lookup over lockfile paths: `<from>/node_modules/<name>`, then each folder above.
  const locate = (from: string, name: string): string | undefined => {
    let base = from;
    for (;;) {
      const path = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
      if (lock.packages[path]) return path;
      if (base === '') return undefined;
      const cut = base.lastIndexOf('/node_modules/');
      base = cut === -1 ? '' : base.slice(0, cut);
    }
  };
  const pending: { from: string; name: string }[] = [];
  const wanted = (from: string, entry: LockEntry) => {
    const optionalPeers = entry.peerDependenciesMeta ?? {};
    const peers = Object.keys(entry.peerDependencies ?? {}).filter((name) => !optionalPeers[name]?.optional);
    for (const name of [
      ...Object.keys(entry.dependencies ?? {}),
      ...Object.keys(entry.optionalDependencies ?? {}),
      ...peers,
    ]) {
      pending.push({ from, name });
    }
  };
  for (const { name, tarball } of packed) {
    const source = workspaceEntry(name);
    if (!source) throw new Error(`${name} is not a workspace of the repository`);
    const { dependencies, optionalDependencies, peerDependencies, bin, license, engines } = source;
    packages[`node_modules/${name}`] = {
      version: source.version,
      resolved: `file:${basename(tarball)}`,
      license,
      ...(dependencies ? { dependencies } : {}),
      ...(optionalDependencies ? { optionalDependencies } : {}),
      ...(peerDependencies ? { peerDependencies } : {}),
      ...(bin ? { bin } : {}),
      ...(engines ? { engines } : {}),
    };
    // Workspaces have no nested folders in this repository's lockfile, so they resolve from the top.
    wanted('', source);
  }
  while (pending.length > 0) {
    const { from, name } = pending.pop() as { from: string; name: string };
    if (packed.some((entry) => entry.name === name)) continue;
    const path = locate(from, name);
    if (!path) throw new Error(`${name} is neither packed nor in the repository's lockfile`);
    if (packages[path]) continue;
    const entry = lock.packages[path] as LockEntry;
    if (entry.link) throw new Error(`${name} is a workspace that was not packed`);
    packages[path] = {
      ...entry,
      resolved: entry.resolved ?? registryTarballUrl(name, entry.version as string),
      dev: undefined,
      devOptional: undefined,
      peer: undefined,
    };
    wanted(path, entry);
  }
  const dependencies = Object.fromEntries(
    packed.map(({ name, tarball }) => [name, `file:${basename(tarball)}`]),
  );
  const manifest = {
    name: 'engram-install-check',
    version: '1.0.0',
    private: true,
    dependencies,
    allowScripts: { 'better-sqlite3': true },
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const lockfile = {
    name: manifest.name,
    version: manifest.version,
    lockfileVersion: 3,
    requires: true,
    packages: { '': { name: manifest.name, version: manifest.version, dependencies }, ...packages },
  };
  writeFileSync(join(dir, 'package-lock.json'), `${JSON.stringify(lockfile, null, 2)}\n`);
}

/** `npm ci --offline` in `dir`: fails rather than reach the network. */
export async function installOffline(dir: string): Promise<void> {
  await run('npm', ['ci', '--offline', '--no-audit', '--no-fund'], {
    cwd: dir,
    env: cleanEnvironment(),
    maxBuffer: 16 * 1024 * 1024,
  });
}
