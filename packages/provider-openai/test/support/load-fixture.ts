import { readFileSync } from 'node:fs';

/**
 * Reads a recorded response from `test/fixtures/<name>` as parsed JSON.
 * Each call returns a fresh copy, so a test may modify it.
 */
export function loadFixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));
}
