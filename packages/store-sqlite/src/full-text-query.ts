import { createHash } from 'node:crypto';
import { boundedMemo } from '@engram/core';

/**
 * The FTS5 token that stands for a scope key: `s` + the first 64 bits of
 * SHA-256(scopeKey) in decimal. Decimal digits at the end keep the porter
 * stemmer from rewriting it (it strips letter suffixes such as `e` and `s`,
 * which would merge two scopes' hex tokens), and 64 bits make collisions
 * between scopes negligible. Deterministic: the same key always gives the
 * same token, across processes and versions. Remembered per key: every
 * search hashes its scope keys, and the same few come back fetch after fetch.
 */
export const scopeTokenOf: (scopeKey: string) => string = boundedMemo((scopeKey: string) => {
  const digest = createHash('sha256').update(scopeKey).digest();
  return `s${digest.readBigUInt64BE(0).toString()}`;
}, 10_000);

// NUL ends an FTS5 string literal early ("unterminated string"); other
// control characters are token separators anyway.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

/** One user term as an FTS5 string literal: a phrase, never an operator. */
function quoteTerm(term: string): string | undefined {
  const cleaned = term.replace(CONTROL_CHARACTERS, ' ').trim();
  if (cleaned === '') return undefined;
  return `"${cleaned.replaceAll('"', '""')}"`;
}

/** The text of an FTS5 string literal made by {@link quotedTerms}: the quotes off, doubled quotes single again. */
export function unquotedTerm(quoted: string): string {
  return quoted.slice(1, -1).replaceAll('""', '"');
}

/** The terms as distinct FTS5 string literals, first occurrence first; terms with nothing left are dropped. */
export function quotedTerms(terms: readonly string[]): string[] {
  return [...new Set(terms.map(quoteTerm).filter((term) => term !== undefined))];
}

/**
 * The MATCH expression `scope_token : (s1 OR s2) AND {body context} : ("t1" OR "t2")`
 * over terms already quoted by {@link quotedTerms}, or undefined when no term
 * or no scope is given.
 */
export function matchExpressionOf(
  scopeKeys: readonly string[],
  quoted: readonly string[],
): string | undefined {
  if (quoted.length === 0 || scopeKeys.length === 0) return undefined;
  const scopes = [...new Set(scopeKeys.map(scopeTokenOf))];
  return `scope_token : (${scopes.join(' OR ')}) AND {body context} : (${quoted.join(' OR ')})`;
}

/**
 * The MATCH expression `scope_token : (s1 OR s2) AND {body context} : ("t1" OR "t2")`,
 * or undefined when no term is left to search for. Every term is quoted, so
 * user text (quotes, `AND`, `NEAR(`, `*`, `-`, `:`) is always literal words;
 * a term the tokenizer reduces to nothing simply matches nothing.
 */
export function fullTextMatchExpression(
  scopeKeys: readonly string[],
  terms: readonly string[],
): string | undefined {
  return matchExpressionOf(scopeKeys, quotedTerms(terms));
}
