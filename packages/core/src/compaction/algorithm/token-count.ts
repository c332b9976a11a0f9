import { createRequire } from 'node:module';
import type * as O200k from 'gpt-tokenizer/encoding/o200k_base';

const require = createRequire(import.meta.url);
let o200k: typeof O200k | undefined;
/**
 * The o200k_base tokenizer, loaded on first count rather than when core is
 * imported: its rank tables cost about 20 MB of heap and 0.3 s of start-up
 * that a process which never counts tokens (fetch-only, or idle) need not pay.
 * The package's CommonJS build, so counting stays synchronous.
 */
function tokenizer(): typeof O200k {
  o200k ??= require('gpt-tokenizer/encoding/o200k_base') as typeof O200k;
  return o200k;
}

/** The BPE encoding token counts are reported in (GPT-4o / GPT-4.1 / o-series family). */
export const TOKEN_ENCODING = 'o200k_base';

// User text may contain strings such as "<|endoftext|>"; they are counted as the plain text they are,
// never rejected, so an empty disallow list.
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/**
 * Number of BPE tokens of `text` in the o200k_base encoding. Pure and
 * deterministic; special-token strings are counted as ordinary text and never
 * throw. Linear in the text length (the tokenizer caches merges, so repeated
 * vocabulary is cheap).
 */
export function countTokens(text: string): number {
  if (text.length === 0) return 0;
  return tokenizer().countTokens(text, PLAIN_TEXT);
}
