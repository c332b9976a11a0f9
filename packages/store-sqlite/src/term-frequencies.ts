import { boundedMemo } from '@engram/core';
import { fts5Tokens } from './fts5-tokens.js';

/**
 * A memory's indexed stems with their counts in one full-text column, as
 * stored in `memory_term_frequencies`: ` stem stem*3 ` — each distinct stem
 * once, its count after `*` when above one, spaces around every entry so a
 * lookup can match whole stems with `indexOf`. Stems never contain spaces or
 * `*` (they are runs of letters and digits).
 */
export type EncodedTermFrequencies = string;

/** One column's text as stored: its stem counts and its token count. */
export interface ColumnTerms {
  encoded: EncodedTermFrequencies;
  /** Tokens in the column, as FTS5 counts them for bm25's document length. */
  tokens: number;
}

// A document's memories share lines: each line is one memory's evidence and
// the context of its neighbours. Tokenizing a line once per document rather
// than once per memory that holds it keeps the counts cheap at ingestion.
/** The stems of one line of text, remembered for the lines seen most recently. */
const stemsOfLine: (line: string) => readonly string[] = boundedMemo(fts5Tokens, 4_096);

/**
 * Encodes the stem counts of one column's text ({@link fts5Tokens}; a line
 * break separates tokens, so the text is tokenized line by line).
 */
export function encodeTermFrequencies(text: string): ColumnTerms {
  const counts = new Map<string, number>();
  let tokens = 0;
  for (const line of text.split('\n')) {
    const stems = stemsOfLine(line);
    tokens += stems.length;
    for (const stem of stems) counts.set(stem, (counts.get(stem) ?? 0) + 1);
  }
  let encoded = ' ';
  for (const [stem, count] of counts) encoded += count > 1 ? `${stem}*${count} ` : `${stem} `;
  return { encoded, tokens };
}

/** How often `stem` occurs in an encoded column; 0 when absent. */
export function termFrequency(encoded: EncodedTermFrequencies, stem: string): number {
  const needle = ` ${stem}`;
  let at = encoded.indexOf(needle);
  while (at !== -1) {
    const end = at + needle.length;
    const next = encoded[end];
    if (next === ' ') return 1;
    if (next === '*') {
      const stop = encoded.indexOf(' ', end);
      return Number(encoded.slice(end + 1, stop));
    }
    // A longer stem that starts with this one ("run" in " runner "): keep looking.
    at = encoded.indexOf(needle, end);
  }
  return 0;
}
