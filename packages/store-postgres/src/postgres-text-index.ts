import type { IndexHit, TextIndex } from '@engram/core';
import {
  DEFAULT_CONTEXT_WEIGHT,
  fts5Tokens,
  inverseDocumentFrequency,
  quotedTerms,
  type ScoredRow,
  scoreBm25,
  termFrequency,
  unquotedTerm,
  type WeightedStem,
} from '@engram/store-sqlite/portable';
import { DocumentFrequencyCache, type DocumentFrequencyCacheOptions } from './document-frequency-cache.js';
import { phraseKey, phraseOccurrences, withPhraseCount } from './phrase-matches.js';
import type { PostgresDatabase } from './postgres-pool.js';
import { anyFieldOperand, queryLexeme, scopeLexemeOf } from './text-lexemes.js';

/** Options of {@link PostgresTextIndex}; the same meaning and defaults as SQLite's. */
export interface PostgresTextIndexOptions {
  /** A term matching more rows than this (whole table, body only) is left out when a rarer one remains (default 10,000). */
  maxTermRows?: number;
  /** BM25 weight of the context field against 1 for the memory's own text (default 0.75). */
  contextWeight?: number;
  /** How long document frequencies are remembered. */
  termCounts?: DocumentFrequencyCacheOptions;
}

interface MatchRow {
  memory_rowid: number;
  memory_id: string;
  tokens: number;
  body: string;
  context: string;
  body_text?: string;
  context_text?: string;
  /** The whole index's rows and tokens (BM25's N and avgdl's numerator), the same on every row. */
  total_rows: number | null;
  total_tokens: number | null;
}

/** One searched term: its quoted form (as SQLite keys it) and its tokens (several: a phrase). */
interface SearchTerm {
  quoted: string;
  stems: string[];
}

/** The tsquery operand of a term: its stem in any field, or (a phrase) all its tokens, each in any field. */
function operandOf(term: SearchTerm): string {
  if (term.stems.length === 1) return anyFieldOperand(term.stems[0] as string);
  return `(${term.stems.map(anyFieldOperand).join(' & ')})`;
}

/** The key a term is scored under: its stem, or its phrase key. */
function keyOf(term: SearchTerm): string {
  return term.stems.length === 1 ? (term.stems[0] as string) : phraseKey(term.stems);
}

/**
 * {@link TextIndex} on PostgreSQL: a GIN index over a tsvector per memory,
 * whose lexemes are the stems SQLite's FTS5 tokenizer produces (the same
 * tokenizer, run here) plus a scope lexeme, so a search ANDs the tenant's
 * scope into the index lookup itself and walks only the tenant's postings;
 * the join to `memories` re-checks the scope.
 *
 * Ranking is SQLite's BM25 (docs/decisions/0016, 0040), computed in
 * JavaScript from the stored stem counts with the collection's row and token
 * totals and whole-table document frequencies, and the same rule for
 * leaving out very common terms, so both stores rank the same data the same.
 * A term the tokenizer splits into several words ("hadn't" → `hadn t`) is a
 * phrase, as in FTS5: rows holding all its words are read with their text and
 * the phrase counted there.
 */
export class PostgresTextIndex implements TextIndex {
  private readonly maxTermRows: number;
  private readonly contextWeight: number;
  private readonly bodyRows: DocumentFrequencyCache;
  private readonly anyFieldRows: DocumentFrequencyCache;

  constructor(
    private readonly database: PostgresDatabase,
    options: PostgresTextIndexOptions = {},
  ) {
    const contextWeight = options.contextWeight ?? DEFAULT_CONTEXT_WEIGHT;
    if (!(Number.isFinite(contextWeight) && contextWeight >= 0)) {
      throw new RangeError('contextWeight must be a finite number ≥ 0');
    }
    this.contextWeight = contextWeight;
    this.maxTermRows = options.maxTermRows ?? 10_000;
    this.bodyRows = new DocumentFrequencyCache(database, options.termCounts);
    this.anyFieldRows = new DocumentFrequencyCache(database, options.termCounts);
  }

  /**
   * Memories matching any term, best first; score = BM25 (higher is better).
   * Terms are tokenized like the index (operators and quotes are just
   * characters); a term that tokenizes to nothing matches nothing.
   */
  async search(scopeKeys: readonly string[], terms: readonly string[], limit: number): Promise<IndexHit[]> {
    if (limit <= 0 || scopeKeys.length === 0) return [];
    const searchTerms = quotedTerms(terms).map((quoted) => ({
      quoted,
      stems: fts5Tokens(unquotedTerm(quoted)),
    }));
    const kept = (await this.affordableTerms(searchTerms)).filter((term) => term.stems.length > 0);
    if (kept.length === 0) return [];
    const phrases = kept.filter((term) => term.stems.length > 1);
    const scopes = [...new Set(scopeKeys.map(scopeLexemeOf))].map(queryLexeme).join(' | ');
    const query = `(${scopes}) & (${[...new Set(kept.map(operandOf))].join(' | ')})`;
    // The collection's totals ride along as two columns (computed once, an InitPlan): no second round trip.
    const { rows: matched } = await this.database.query<MatchRow>(
      `SELECT t.memory_rowid, m.memory_id, t.tokens, t.body, t.context,
              (SELECT sum(rows) FROM text_totals)::bigint AS total_rows,
              (SELECT sum(tokens) FROM text_totals)::bigint AS total_tokens
              ${phrases.length > 0 ? ', t.body_text, t.context_text' : ''}
       FROM memory_text t JOIN memories m ON m.memory_rowid = t.memory_rowid
       WHERE t.lexemes @@ $1::tsquery AND t.scope_key = ANY($2::text[]) AND m.scope_key = ANY($2::text[])`,
      [query, scopeKeys],
    );
    const memoryIds = new Map<number, string>();
    const rows: ScoredRow[] = [];
    for (const row of matched) {
      const scored = phrases.length > 0 ? this.withPhrases(row, kept, phrases) : row;
      if (scored === undefined) continue;
      memoryIds.set(row.memory_rowid, row.memory_id);
      rows.push({ rowid: row.memory_rowid, tokens: row.tokens, body: scored.body, context: scored.context });
    }
    if (rows.length === 0) return [];
    const tableRows = matched[0]?.total_rows ?? 0;
    const averageLength = tableRows > 0 ? (matched[0]?.total_tokens ?? 0) / tableRows : 0;
    const frequencies = await this.documentFrequencies(kept, tableRows);
    const weighted: WeightedStem[] = kept.map((term, index) => ({
      stem: keyOf(term),
      idf: inverseDocumentFrequency(frequencies[index] as number, tableRows),
    }));
    return scoreBm25(rows, weighted, averageLength, this.contextWeight, limit).map(({ rowid, score }) => ({
      memoryId: memoryIds.get(rowid) as string,
      score,
    }));
  }

  /**
   * The row's encoded counts with each phrase's occurrences added under its
   * key; undefined when it matches no term (it held a phrase's words, not the phrase).
   */
  private withPhrases(
    row: MatchRow,
    kept: readonly SearchTerm[],
    phrases: readonly SearchTerm[],
  ): { body: string; context: string } | undefined {
    let matches = kept.some(
      (term) =>
        term.stems.length === 1 &&
        termFrequency(row.body, term.stems[0] as string) +
          termFrequency(row.context, term.stems[0] as string) >
          0,
    );
    const bodyTokens = fts5Tokens(row.body_text ?? '');
    const contextTokens = fts5Tokens(row.context_text ?? '');
    let body = row.body;
    let context = row.context;
    for (const phrase of phrases) {
      const inBody = phraseOccurrences(bodyTokens, phrase.stems);
      const inContext = phraseOccurrences(contextTokens, phrase.stems);
      if (inBody + inContext > 0) matches = true;
      body = withPhraseCount(body, keyOf(phrase), inBody);
      context = withPhraseCount(context, keyOf(phrase), inContext);
    }
    return matches ? { body, context } : undefined;
  }

  /**
   * Rows of the whole table holding each term in any field: BM25's document
   * frequencies, remembered; the single-word terms not remembered are
   * counted in one statement, a phrase (rare) by reading its candidate rows.
   */
  private async documentFrequencies(terms: readonly SearchTerm[], tableRows: number): Promise<number[]> {
    const words = terms.filter((term) => term.stems.length === 1);
    const wordRows = await this.anyFieldRows.rowsMatchingAll(words.map(operandOf), tableRows);
    return Promise.all(
      terms.map((term) =>
        term.stems.length === 1
          ? (wordRows[words.indexOf(term)] as number)
          : this.anyFieldRows.rowsMatching(`phrase ${term.quoted}`, tableRows, async () => {
              const { rows } = await this.database.query<{ body_text: string; context_text: string }>(
                'SELECT body_text, context_text FROM memory_text WHERE lexemes @@ $1::tsquery',
                [operandOf(term)],
              );
              return rows.filter(
                (row) =>
                  phraseOccurrences(fts5Tokens(row.body_text), term.stems) > 0 ||
                  phraseOccurrences(fts5Tokens(row.context_text), term.stems) > 0,
              ).length;
            }),
      ),
    );
  }

  /**
   * The terms at or under the row threshold (body only), or the rarest alone
   * when none is; order kept. A phrase is counted by its words (an upper
   * bound of its rows: the threshold only steers cost).
   */
  private async affordableTerms(terms: readonly SearchTerm[]): Promise<readonly SearchTerm[]> {
    if (!Number.isFinite(this.maxTermRows) || terms.length === 0) return terms;
    const counted = terms.filter((term) => term.stems.length > 0);
    const countedRows = await this.bodyRows.rowsMatchingAll(
      counted.map((term) => term.stems.map((stem) => queryLexeme(stem)).join(' & ')),
    );
    const rows = terms.map((term) =>
      term.stems.length === 0 ? 0 : (countedRows[counted.indexOf(term)] as number),
    );
    const kept = terms.filter((_, index) => (rows[index] as number) <= this.maxTermRows);
    if (kept.length > 0) return kept;
    return [terms[rows.indexOf(Math.min(...rows))] as SearchTerm];
  }
}
