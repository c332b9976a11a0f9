import type { IndexHit, TextIndex } from '@engram/core';
import { inverseDocumentFrequency } from './bm25-scoring.js';
import { Fts5TotalsReader } from './fts5-statistics.js';
import { fts5Tokens } from './fts5-tokens.js';
import { matchExpressionOf, quotedTerms, unquotedTerm } from './full-text-query.js';
import { MemoryScopeVersionsReader } from './memory-scope-versions.js';
import { scorePostings } from './posting-scoring.js';
import { type Posting, ScopePostingsCache, type ScopeSetEntry } from './scope-postings-cache.js';
import type { SqliteHandle } from './sqlite-database.js';
import { TermDocumentFrequency, type TermDocumentFrequencyOptions } from './term-document-frequency.js';
import { termFrequency } from './term-frequencies.js';

/** Options of {@link SqliteTextIndex}. */
export interface SqliteTextIndexOptions {
  /**
   * A term matching more rows than this in the whole table (all tenants) is
   * left out of a search that has a term matching fewer (default 10,000;
   * `Infinity` keeps every term); when every term matches more, the rarest
   * one alone is searched. bm25() counts every row of every term on each
   * search, about 30 ns a row: at a million memories a common word costs a
   * millisecond or more while its weight (IDF) is among the query's lowest.
   * A store with fewer rows than this ranks exactly as without the limit.
   */
  maxTermRows?: number;
  /** How long term counts are remembered. */
  termCounts?: TermDocumentFrequencyOptions;
  /**
   * BM25 weight of the context field (the lines around a memory's evidence)
   * against 1 for the memory's own text; 0 ignores context for ranking but
   * still matches on it. Default {@link DEFAULT_CONTEXT_WEIGHT}.
   */
  contextWeight?: number;
  /**
   * Score matches in JavaScript from stored stem counts and cached document
   * frequencies (default true), or always with FTS5's bm25(). Both give the
   * same scores; see {@link SqliteTextIndex}.
   */
  scoreInJavaScript?: boolean;
  /**
   * Most matches scored in JavaScript (default 2,000: a typical user's search
   * matches tens of rows, a conversation-sized scope's commonest words a few
   * hundred to a thousand). A search matching more in its scopes ranks with
   * bm25(), which walks each row's positions in C and then costs less than
   * reading that many rows' stored counts once; under the bound the counts
   * are read once and kept ({@link ScopePostingsCache}), so a common word
   * asked again costs nothing to match.
   */
  maxScoredRows?: number;
  /**
   * Most units (scope sets, postings — a stem's matching row with its
   * counts — and checked memory ids) kept across searches by
   * {@link ScopePostingsCache} (default 50,000, a few MiB); 0 keeps
   * nothing, and every search matches its stems in FTS5. Checked against
   * `memory_scope_versions` on every search, so writes from any process are
   * seen at once; scores are the same either way.
   */
  postingsCache?: number;
}

/** See {@link SqliteTextIndexOptions.contextWeight}; measured in docs/decisions/0012. */
export const DEFAULT_CONTEXT_WEIGHT = 0.75;

/** Rows of {@link SqliteTextIndex}'s match statement, raw. */
type MatchRow = [rowid: number, tokens: number | null, body: string | null, context: string | null];

/**
 * {@link TextIndex} on SQLite FTS5. The scope is part of the match
 * expression itself (a token per scope key in its own column), so FTS5 only
 * walks the tenant's postings; the join back to `memories` re-checks the
 * scope as a second line of defence.
 *
 * Ranking is BM25 as FTS5's bm25() defines it, but computed in JavaScript
 * (docs/decisions/0016): bm25() counts every posting of every query term in
 * the whole table, all tenants, on each search to get its document
 * frequency (about 0.5 ms of a typical search at a million memories, where
 * finding the tenant's matches takes 0.1 ms). Here the match only lists the
 * tenant's rows with their stored stem and token counts
 * (`memory_term_frequencies`), and document frequencies come from a count
 * remembered across searches ({@link TermDocumentFrequency}). A search falls
 * back to bm25() when a matched row has no stored counts (indexed before
 * migration 9), a term is not a single token, or it matches more than
 * `maxScoredRows` rows.
 */
export class SqliteTextIndex implements TextIndex {
  private readonly searchStatement;
  private readonly matchStatement;
  private readonly memoryIdsStatement;
  private readonly maxScoredRows: number;
  private readonly termRows: TermDocumentFrequency;
  private readonly phraseRows: TermDocumentFrequency;
  private readonly totals: Fts5TotalsReader;
  private readonly maxTermRows: number;
  private readonly contextWeight: number;
  private readonly scoreInJavaScript: boolean;
  private readonly postings: ScopePostingsCache;
  private readonly scopeVersions: MemoryScopeVersionsReader;

  constructor(database: SqliteHandle, options: SqliteTextIndexOptions = {}) {
    // CROSS JOIN fixes the order: full-text match first, then the rowid lookup.
    // Weight 0 for the scope column: the scope token must not affect ranking.
    const contextWeight = options.contextWeight ?? DEFAULT_CONTEXT_WEIGHT;
    if (!(Number.isFinite(contextWeight) && contextWeight >= 0)) {
      throw new RangeError('contextWeight must be a finite number ≥ 0');
    }
    this.searchStatement = database.prepare(`
      SELECT memories.memory_id AS memory_id, bm25(memory_text, 0.0, 1.0, ${contextWeight}) AS rank
      FROM memory_text CROSS JOIN memories ON memories.memory_rowid = memory_text.rowid
      WHERE memory_text MATCH @match AND memories.scope_key IN (SELECT value FROM json_each(@scopeKeys))
      ORDER BY rank
      LIMIT @limit`);
    // The memories join waits for the few rows kept: at 50k memories a
    // search can match thousands, and the lookup costs a microsecond a row.
    this.matchStatement = database
      .prepare(`
      SELECT memory_text.rowid, memory_term_frequencies.tokens,
             memory_term_frequencies.body, memory_term_frequencies.context
      FROM memory_text
      LEFT JOIN memory_term_frequencies ON memory_term_frequencies.memory_rowid = memory_text.rowid
      WHERE memory_text MATCH @match
      LIMIT @cap`)
      .raw();
    this.memoryIdsStatement = database
      .prepare(`
      SELECT memory_rowid, memory_id FROM memories
      WHERE memory_rowid IN (SELECT value FROM json_each(@rowids))
        AND scope_key IN (SELECT value FROM json_each(@scopeKeys))`)
      .raw();
    this.termRows = new TermDocumentFrequency(database, options.termCounts);
    // What bm25() counts: the term in the columns searched.
    this.phraseRows = new TermDocumentFrequency(database, {
      ...options.termCounts,
      columns: '{body context}',
    });
    this.totals = new Fts5TotalsReader(database, 'memory_text');
    this.maxTermRows = options.maxTermRows ?? 10_000;
    this.contextWeight = contextWeight;
    this.scoreInJavaScript = options.scoreInJavaScript ?? true;
    this.maxScoredRows = options.maxScoredRows ?? 2_000;
    this.postings = new ScopePostingsCache(options.postingsCache ?? 50_000);
    this.scopeVersions = new MemoryScopeVersionsReader(database);
  }

  /**
   * Memories matching any term, best first; score = -BM25 (higher is better).
   * Each term is matched as a literal phrase after the index's tokenizer
   * (porter stemming, case and diacritics folded), so operators and quotes
   * in user text are just words. Terms that tokenize to nothing match nothing.
   * Terms common to more than `maxTermRows` rows of the whole table are left
   * out when a rarer term remains (see {@link SqliteTextIndexOptions}).
   */
  async search(scopeKeys: readonly string[], terms: readonly string[], limit: number): Promise<IndexHit[]> {
    if (limit <= 0) return [];
    const phrases = this.affordableTerms(quotedTerms(terms));
    const match = matchExpressionOf(scopeKeys, phrases);
    if (match === undefined) return [];
    const scored = this.scoreInJavaScript ? this.scoredFromPostings(scopeKeys, phrases, limit) : undefined;
    if (scored !== undefined) return scored;
    const rows = this.searchStatement.all({ match, scopeKeys: JSON.stringify(scopeKeys), limit }) as {
      memory_id: string;
      rank: number;
    }[];
    return rows.map((row) => ({ memoryId: row.memory_id, score: -row.rank }));
  }

  /**
   * BM25 of the tenant's matches computed here (see the class comment) over
   * postings kept per scope set: only stems not yet held for these scopes at
   * their current versions are matched in FTS5 (one match for all of them),
   * each row's counts read once into postings. Undefined when it cannot be
   * computed here: a phrase that is not one token, a row without stored
   * counts, or more matches than `maxScoredRows`.
   */
  private scoredFromPostings(
    scopeKeys: readonly string[],
    phrases: readonly string[],
    limit: number,
  ): IndexHit[] | undefined {
    const stems: string[] = [];
    for (const phrase of phrases) {
      const tokens = fts5Tokens(unquotedTerm(phrase));
      if (tokens.length !== 1) return undefined;
      stems.push(tokens[0] as string);
    }
    const versions = this.scopeVersions.read(scopeKeys);
    const cache = this.postings;
    const entry = cache.entryFor(scopeKeys, scopeKeys.map((key) => versions.get(key) ?? 0).join(','));
    if (!this.readMissingPostings(cache, entry, scopeKeys, phrases, stems)) return undefined;
    const byRow = new Map<number, { tokens: number; frequencies: number[] }>();
    stems.forEach((stem, index) => {
      for (const posting of entry.postings.get(stem) ?? []) {
        let row = byRow.get(posting.rowid);
        if (row === undefined) {
          row = { tokens: posting.tokens, frequencies: new Array<number>(stems.length).fill(0) };
          byRow.set(posting.rowid, row);
        }
        row.frequencies[index] =
          posting.body + (this.contextWeight === 0 ? 0 : this.contextWeight * posting.context);
      }
    });
    if (byRow.size > this.maxScoredRows) return undefined;
    if (byRow.size === 0) return [];
    const { rows: tableRows, averageLength } = this.totals.read();
    const idfs = phrases.map((phrase) =>
      inverseDocumentFrequency(this.phraseRows.rowsMatching(phrase, tableRows), tableRows),
    );
    const best = scorePostings(byRow, idfs, averageLength, limit);
    const unknown = best.map((row) => row.rowid).filter((rowid) => !entry.memoryIds.has(rowid));
    if (unknown.length > 0) {
      // The scope check again, on the memory rows themselves: a second line of defence.
      const checked = this.memoryIdsStatement.all({
        rowids: JSON.stringify(unknown),
        scopeKeys: JSON.stringify(scopeKeys),
      }) as [number, string][];
      cache.rememberMemoryIds(entry, checked);
    }
    const hits: IndexHit[] = [];
    for (const { rowid, score } of best) {
      const memoryId = entry.memoryIds.get(rowid);
      if (memoryId !== undefined) hits.push({ memoryId, score });
    }
    return hits;
  }

  /**
   * Matches, in one FTS5 query, the stems `entry` does not hold yet and keeps
   * their postings. False when that cannot be scored in JavaScript (too many
   * matches, a row without stored counts): the caller falls back to bm25().
   */
  private readMissingPostings(
    cache: ScopePostingsCache,
    entry: ScopeSetEntry,
    scopeKeys: readonly string[],
    phrases: readonly string[],
    stems: readonly string[],
  ): boolean {
    const missing = new Map<string, string>();
    stems.forEach((stem, index) => {
      if (!entry.postings.has(stem) && !missing.has(stem)) missing.set(stem, phrases[index] as string);
    });
    if (missing.size === 0) return true;
    // A stem already known to match too many rows here: bm25() at once, no second overflowing read.
    for (const stem of missing.keys()) if (entry.tooCommon.has(stem)) return false;
    const match = matchExpressionOf(scopeKeys, [...missing.values()]) as string;
    const matched = this.matchStatement.all({ match, cap: this.maxScoredRows + 1 }) as MatchRow[];
    if (matched.length > this.maxScoredRows) {
      // With one stem missing, that stem alone overflowed; with several, none can be blamed.
      if (missing.size === 1) cache.rememberTooCommon(entry, missing.keys().next().value as string);
      return false;
    }
    const found = new Map<string, Posting[]>([...missing.keys()].map((stem) => [stem, []]));
    for (const [rowid, tokens, body, context] of matched) {
      if (tokens === null || body === null || context === null) return false;
      for (const [stem, postings] of found) {
        const inBody = termFrequency(body, stem);
        const inContext = termFrequency(context, stem);
        if (inBody > 0 || inContext > 0) postings.push({ rowid, tokens, body: inBody, context: inContext });
      }
    }
    for (const [stem, postings] of found) cache.rememberPostings(entry, stem, postings);
    return true;
  }

  /** The terms at or under the row threshold, or the rarest term alone when none is; order kept. */
  private affordableTerms(quoted: readonly string[]): readonly string[] {
    if (!Number.isFinite(this.maxTermRows) || quoted.length === 0) return quoted;
    const rows = quoted.map((term) => this.termRows.rowsMatching(term));
    const kept = quoted.filter((_, index) => (rows[index] as number) <= this.maxTermRows);
    if (kept.length > 0) return kept;
    const rarest = rows.indexOf(Math.min(...rows));
    return [quoted[rarest] as string];
  }
}
