import type { LocomoSample } from './locomo-dataset.js';
import type { RankedItem } from './scoring.js';
import { indexTerms } from './text-tokens.js';

/** BM25 parameters: the usual defaults. */
export interface Bm25Parameters {
  readonly k1: number;
  readonly b: number;
}

/** k1 1.2, b 0.75. */
export const DEFAULT_BM25_PARAMETERS: Bm25Parameters = { k1: 1.2, b: 0.75 };

/** One search hit: the document's position in the indexed list and its score. */
export interface Bm25Hit {
  readonly document: number;
  readonly score: number;
}

/**
 * Okapi BM25 over a fixed list of texts, analysed with {@link indexTerms}
 * (stop words dropped, Porter stems). The idf is the non-negative
 * `ln(1 + (N - df + 0.5) / (df + 0.5))`, so a very common term never lowers a score.
 */
export class Bm25Index {
  readonly #parameters: Bm25Parameters;
  readonly #termFrequencies: Map<string, number>[];
  readonly #lengths: number[];
  readonly #averageLength: number;
  readonly #documentFrequency = new Map<string, number>();

  /** Indexes `texts`; positions in the list are the document numbers {@link search} returns. */
  constructor(texts: readonly string[], parameters: Bm25Parameters = DEFAULT_BM25_PARAMETERS) {
    this.#parameters = parameters;
    this.#termFrequencies = texts.map((text) => {
      const frequencies = new Map<string, number>();
      for (const term of indexTerms(text)) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
      return frequencies;
    });
    this.#lengths = this.#termFrequencies.map((frequencies) =>
      [...frequencies.values()].reduce((sum, count) => sum + count, 0),
    );
    const total = this.#lengths.reduce((sum, length) => sum + length, 0);
    this.#averageLength = texts.length === 0 ? 0 : total / texts.length;
    for (const frequencies of this.#termFrequencies) {
      for (const term of frequencies.keys()) {
        this.#documentFrequency.set(term, (this.#documentFrequency.get(term) ?? 0) + 1);
      }
    }
  }

  /**
   * The `limit` best documents for `query`, best first; documents sharing no
   * term with the query are left out. Ties keep document order, so results are
   * deterministic. Each distinct query term counts once.
   */
  search(query: string, limit: number): Bm25Hit[] {
    const { k1, b } = this.#parameters;
    const count = this.#termFrequencies.length;
    const scores = new Map<number, number>();
    for (const term of new Set(indexTerms(query))) {
      const frequency = this.#documentFrequency.get(term);
      if (frequency === undefined) continue;
      const idf = Math.log(1 + (count - frequency + 0.5) / (frequency + 0.5));
      this.#termFrequencies.forEach((frequencies, document) => {
        const tf = frequencies.get(term);
        if (tf === undefined) return;
        const norm = k1 * (1 - b + (b * (this.#lengths[document] ?? 0)) / (this.#averageLength || 1));
        scores.set(document, (scores.get(document) ?? 0) + (idf * (tf * (k1 + 1))) / (tf + norm));
      });
    }
    return [...scores]
      .map(([document, score]) => ({ document, score }))
      .sort((left, right) => right.score - left.score || left.document - right.document)
      .slice(0, limit);
  }
}

/**
 * The raw-turn baseline of the protocol for one sample: one BM25 document per
 * turn (its ingestion line, caption included), each hit returned as an item
 * whose text and only source line are that turn's line.
 */
export class TurnBm25Baseline {
  readonly #sample: LocomoSample;
  readonly #index: Bm25Index;

  /** Indexes every turn of `sample`. */
  constructor(sample: LocomoSample, parameters: Bm25Parameters = DEFAULT_BM25_PARAMETERS) {
    this.#sample = sample;
    this.#index = new Bm25Index(
      sample.turns.map((turn) => turn.line),
      parameters,
    );
  }

  /** The `limit` best turns for `question` as ranked items, best first. */
  rank(question: string, limit = 50): RankedItem[] {
    return this.#index.search(question, limit).map(({ document }) => {
      const line = this.#sample.turns[document]!.line;
      return { text: line, sourceEvidence: [line] };
    });
  }
}
