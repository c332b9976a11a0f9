import {
  type EncodedTermFrequencies,
  encodeTermFrequencies,
  scopeTokenOf,
} from '@engram/store-sqlite/portable';

/** Prefix of a context stem's lexeme: never part of a stem (stems are letters and digits). */
export const CONTEXT_PREFIX = '~';
/** Prefix of the scope lexeme: never part of a stem either, so user text cannot forge it. */
export const SCOPE_PREFIX = '#';
/** tsvector lexemes are limited to 2 KiB; a longer "word" (a pasted blob) is not indexed. */
const MAX_LEXEME_BYTES = 2_046;

/** What `memory_text` stores for one memory. */
export interface TextRow {
  lexemes: string[];
  tokens: number;
  body: string;
  context: string;
}

/** The distinct stems of an encoded column (` stem stem*3 `). */
function stemsOf(encoded: EncodedTermFrequencies): string[] {
  const stems: string[] = [];
  for (const entry of encoded.split(' ')) {
    if (entry === '') continue;
    const star = entry.lastIndexOf('*');
    stems.push(star === -1 ? entry : entry.slice(0, star));
  }
  return stems;
}

/** The scope's lexeme: `#` + the same 64-bit token SQLite's index uses for it. */
export function scopeLexemeOf(scopeKey: string): string {
  return `${SCOPE_PREFIX}${scopeTokenOf(scopeKey)}`;
}

/**
 * The full-text row of a memory: its stems as SQLite's FTS5 tokenizer makes
 * them (shared tokenizer, so both stores index the same words), the stem
 * counts per column and the token count (one more for the scope token, as
 * FTS5 counts it), for BM25 computed exactly as on SQLite.
 */
export function textRowOf(scopeKey: string, body: string, context: string | undefined): TextRow {
  const bodyTerms = encodeTermFrequencies(body);
  const contextTerms = encodeTermFrequencies(context ?? '');
  const lexemes = new Set<string>([scopeLexemeOf(scopeKey)]);
  for (const stem of stemsOf(bodyTerms.encoded)) lexemes.add(stem);
  for (const stem of stemsOf(contextTerms.encoded)) lexemes.add(`${CONTEXT_PREFIX}${stem}`);
  return {
    lexemes: [...lexemes].filter((lexeme) => Buffer.byteLength(lexeme) <= MAX_LEXEME_BYTES),
    tokens: 1 + bodyTerms.tokens + contextTerms.tokens,
    body: bodyTerms.encoded,
    context: contextTerms.encoded,
  };
}

/** A lexeme as a tsquery operand: quoted, quotes doubled and backslashes escaped. */
export function queryLexeme(lexeme: string): string {
  return `'${lexeme.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

/** The tsquery operand matching `stem` in the body or the context. */
export function anyFieldOperand(stem: string): string {
  return `(${queryLexeme(stem)} | ${queryLexeme(`${CONTEXT_PREFIX}${stem}`)})`;
}

/**
 * The full-text row of archived statistics (`tokens` and the encoded stem
 * counts per column, as {@link textRowOf} stores them): the same lexemes and
 * counts the original row had, so an imported memory scores as before.
 */
export function textRowOfTerms(
  scopeKey: string,
  terms: { tokens: number; body: string; context: string },
): TextRow {
  const lexemes = new Set<string>([scopeLexemeOf(scopeKey)]);
  for (const stem of stemsOf(terms.body as EncodedTermFrequencies)) lexemes.add(stem);
  for (const stem of stemsOf(terms.context as EncodedTermFrequencies))
    lexemes.add(`${CONTEXT_PREFIX}${stem}`);
  return {
    lexemes: [...lexemes].filter((lexeme) => Buffer.byteLength(lexeme) <= MAX_LEXEME_BYTES),
    tokens: terms.tokens,
    body: terms.body,
    context: terms.context,
  };
}
