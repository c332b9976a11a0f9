import { EngramError } from '@engram/core';
import { parse as parseYaml } from 'yaml';

/**
 * Reads a configuration document written as JSON or YAML (JSON is valid
 * YAML, but is tried first for its sharper error messages). A document
 * that is neither is a 422 naming the line where reading stopped.
 */
export function parseConfigText(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(trimmed);
    } catch {
      // Fall through: YAML flow mappings also start with `{`.
    }
  }
  try {
    return parseYaml(text) ?? {};
  } catch (error) {
    const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    throw new EngramError(
      'INVALID_INPUT',
      `the configuration is neither JSON nor YAML${line === undefined ? '' : ` (line ${line})`}`,
    );
  }
}
