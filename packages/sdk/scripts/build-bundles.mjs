#!/usr/bin/env node
// Builds the published SDK after `tsc -b` has written its declarations to
// dist/types (which the workspace reads, through the TypeScript-only
// `engram-types` condition). The published SDK depends on zod alone, so
// @engram/protocol is bundled in: esbuild inlines its code into one ESM and one
// CommonJS file, and dist/esm gets the SDK's declarations with the protocol's
// beside them and the import specifiers rewritten. dist/cjs holds the same
// declarations under a `commonjs` package.json, so TypeScript reads them as
// CommonJS for `require` callers.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { build } from 'esbuild';

const sdkDir = new URL('..', import.meta.url).pathname;
const protocolDir = join(sdkDir, '../protocol');
const typesDir = join(sdkDir, 'dist/types');
const esmDir = join(sdkDir, 'dist/esm');
const cjsDir = join(sdkDir, 'dist/cjs');

/** Every `.d.ts` file under `dir`. */
function declarations(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return declarations(path);
    return name.endsWith('.d.ts') ? [path] : [];
  });
}

const common = {
  entryPoints: [join(sdkDir, 'src/index.ts')],
  bundle: true,
  platform: 'neutral',
  target: 'es2022',
  external: ['zod'],
  conditions: ['engram-source'],
  sourcemap: true,
  logLevel: 'warning',
};
rmSync(esmDir, { recursive: true, force: true });
rmSync(cjsDir, { recursive: true, force: true });
await build({ ...common, format: 'esm', outfile: join(esmDir, 'index.js') });
await build({ ...common, format: 'cjs', outfile: join(cjsDir, 'index.js') });

const vendoredProtocol = join(esmDir, '_protocol');
for (const file of declarations(join(protocolDir, 'dist'))) {
  const copy = join(vendoredProtocol, relative(join(protocolDir, 'dist'), file));
  mkdirSync(dirname(copy), { recursive: true });
  cpSync(file, copy);
}
for (const file of declarations(typesDir)) {
  const copy = join(esmDir, relative(typesDir, file));
  let target = relative(dirname(copy), join(vendoredProtocol, 'index.js'));
  if (!target.startsWith('.')) target = `./${target}`;
  mkdirSync(dirname(copy), { recursive: true });
  writeFileSync(copy, readFileSync(file, 'utf8').replaceAll("'@engram/protocol'", `'${target}'`));
}
for (const file of declarations(esmDir)) {
  const copy = join(cjsDir, relative(esmDir, file));
  mkdirSync(dirname(copy), { recursive: true });
  cpSync(file, copy);
}
writeFileSync(join(cjsDir, 'package.json'), '{ "type": "commonjs" }\n');
