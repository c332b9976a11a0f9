import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

/** Source files of the SDK and of the protocol package its entry pulls in. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

const packagesDir = new URL('../../', import.meta.url).pathname;
const files = [...sources(join(packagesDir, 'sdk/src')), ...sources(join(packagesDir, 'protocol/src'))];

describe('the SDK entry runs in browsers and edge runtimes', () => {
  it('imports only relative .js files, @engram/protocol and zod', () => {
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const [, specifier] of text.matchAll(/\bfrom\s+'([^']+)'/g)) {
        const allowed =
          specifier === 'zod' ||
          specifier === '@engram/protocol' ||
          (specifier?.startsWith('.') === true && specifier.endsWith('.js'));
        assert.ok(allowed, `${file} imports ${specifier}`);
      }
    }
  });

  it('uses no Node-only globals', () => {
    for (const file of files) {
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      assert.doesNotMatch(code, /\b(process|Buffer|require|__dirname|setImmediate)\b/, file);
    }
  });
});
