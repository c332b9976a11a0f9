import { countTokens as countO200kTokens } from 'gpt-tokenizer/encoding/o200k_base';

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
  return countO200kTokens(text, PLAIN_TEXT);
}
