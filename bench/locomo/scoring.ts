import type { LocomoCategory, LocomoQuestion, LocomoTurn } from './locomo-dataset.js';
import { contentTokens } from './text-tokens.js';

/** Evidence-recall budgets reported, in turns. */
export const RECALL_BUDGETS = [5, 10, 20] as const;
/** Cut-off of the NDCG figure, in turns. */
export const NDCG_CUTOFF = 10;
/** Whitespace tokens of retrieved text that answer recall reads. */
export const ANSWER_TOKEN_BUDGET = 512;

/** One retrieved item, in rank order: its text and the verbatim source lines it cites. */
export interface RankedItem {
  readonly text: string;
  readonly sourceEvidence: readonly string[];
}

/** Per-question figures. `answerRecall` is null when the gold answer has no content token. */
export interface QuestionScore {
  readonly recallAt5: number;
  readonly recallAt10: number;
  readonly recallAt20: number;
  readonly ndcgAt10: number;
  readonly answerRecall: number | null;
}

/** Lower-cases and collapses whitespace: the comparison form of a source line. */
export function normaliseLine(line: string): string {
  return line.toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Maps verbatim source lines back to a sample's turns. A line matches a turn
 * whose `"<speaker>: <text>"` equals it after {@link normaliseLine}; the form
 * with the photo suffix (exactly as the ingestion document carries it) and the
 * form without it both match. When two turns share a line (a repeated "See
 * you!"), the earliest wins: the line alone cannot tell them apart. A turn of an
 * export layout also matches its bare message line ({@link LocomoTurn.documentLine}).
 */
export class TurnIndex {
  readonly #byLine = new Map<string, string>();

  /** @param turns the sample's turns, chronological. */
  constructor(turns: readonly LocomoTurn[]) {
    for (const turn of turns) {
      for (const line of [turn.line, `${turn.speaker}: ${turn.text}`, turn.documentLine ?? turn.line]) {
        const key = normaliseLine(line);
        if (!this.#byLine.has(key)) this.#byLine.set(key, turn.diaId);
      }
    }
  }

  /** The `dia_id` of the turn a source line came from, or undefined when it matches none. */
  turnFor(line: string): string | undefined {
    return this.#byLine.get(normaliseLine(line));
  }
}

/**
 * Walks ranked items and collects the turns they cite, without repeats, until
 * `budget` turns are collected. An item citing several turns spends the budget
 * for each; the last item is cut at the budget. Items citing no known turn
 * spend nothing.
 */
export function collectTurns(items: readonly RankedItem[], index: TurnIndex, budget: number): string[] {
  const collected: string[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    for (const line of item.sourceEvidence) {
      if (collected.length >= budget) return collected;
      const turn = index.turnFor(line);
      if (turn === undefined || seen.has(turn)) continue;
      seen.add(turn);
      collected.push(turn);
    }
  }
  return collected;
}

/** Share of evidence turns among the first `budget` collected turns (0 when there is no evidence). */
export function evidenceRecall(
  collected: readonly string[],
  evidence: readonly string[],
  budget: number,
): number {
  if (evidence.length === 0) return 0;
  const shown = new Set(collected.slice(0, budget));
  return evidence.filter((turn) => shown.has(turn)).length / evidence.length;
}

/** NDCG over the collected turn list with binary relevance, cut at `cutoff`. */
export function ndcg(collected: readonly string[], evidence: readonly string[], cutoff: number): number {
  const relevant = new Set(evidence);
  let dcg = 0;
  collected.slice(0, cutoff).forEach((turn, position) => {
    if (relevant.has(turn)) dcg += 1 / Math.log2(position + 2);
  });
  let ideal = 0;
  for (let position = 0; position < Math.min(relevant.size, cutoff); position++)
    ideal += 1 / Math.log2(position + 2);
  return ideal === 0 ? 0 : dcg / ideal;
}

/**
 * Share of the gold answer's distinct content tokens (lower-cased, punctuation
 * stripped, stop words dropped) present among the tokens of the item texts
 * concatenated in rank order and cut at `budget` whitespace tokens. Null when
 * the answer has no content token ("No"), so such questions leave the mean.
 */
export function answerRecall(items: readonly RankedItem[], answer: string, budget: number): number | null {
  const gold = new Set(contentTokens(answer));
  if (gold.size === 0) return null;
  const words: string[] = [];
  for (const item of items) {
    for (const word of item.text.split(/\s+/)) {
      if (word.length === 0) continue;
      if (words.length >= budget) break;
      words.push(word);
    }
    if (words.length >= budget) break;
  }
  const shown = new Set(contentTokens(words.join(' ')));
  return [...gold].filter((token) => shown.has(token)).length / gold.size;
}

/** Scores one question's ranked items with every figure of the protocol. */
export function scoreQuestion(
  items: readonly RankedItem[],
  question: LocomoQuestion,
  index: TurnIndex,
): QuestionScore {
  const maxBudget = Math.max(...RECALL_BUDGETS, NDCG_CUTOFF);
  const collected = collectTurns(items, index, maxBudget);
  return {
    recallAt5: evidenceRecall(collected, question.evidence, 5),
    recallAt10: evidenceRecall(collected, question.evidence, 10),
    recallAt20: evidenceRecall(collected, question.evidence, 20),
    ndcgAt10: ndcg(collected, question.evidence, NDCG_CUTOFF),
    answerRecall: answerRecall(items, question.answer, ANSWER_TOKEN_BUDGET),
  };
}

/** A question's score with the category it aggregates under. */
export interface ScoredQuestion {
  readonly category: LocomoCategory;
  readonly score: QuestionScore;
}

/** Means of one table row. `answerRecallN` counts the questions whose answer has content tokens. */
export interface ScoreRow {
  readonly label: string;
  readonly recallAt5: number;
  readonly recallAt10: number;
  readonly recallAt20: number;
  readonly ndcgAt10: number;
  readonly answerRecall: number;
  readonly n: number;
  readonly answerRecallN: number;
}

/** Row labels in print order: each category 1–4, the 1–4 pool, then adversarial apart. */
export const ROW_LABELS = ['1', '2', '3', '4', '1-4', '5'] as const;

function meanRow(label: string, scores: readonly QuestionScore[]): ScoreRow {
  const mean = (values: readonly number[]) =>
    values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
  const answers = scores.flatMap((score) => (score.answerRecall === null ? [] : [score.answerRecall]));
  return {
    label,
    recallAt5: mean(scores.map((score) => score.recallAt5)),
    recallAt10: mean(scores.map((score) => score.recallAt10)),
    recallAt20: mean(scores.map((score) => score.recallAt20)),
    ndcgAt10: mean(scores.map((score) => score.ndcgAt10)),
    answerRecall: mean(answers),
    n: scores.length,
    answerRecallN: answers.length,
  };
}

/**
 * Aggregates per category and over categories 1–4 pooled (a mean over
 * questions, not over category means); category 5 stays apart. Callers pass
 * only scorable questions (at least one evidence turn).
 */
export function aggregateScores(scored: readonly ScoredQuestion[]): ScoreRow[] {
  const inCategories = (categories: readonly number[]) =>
    scored.filter((entry) => categories.includes(entry.category)).map((entry) => entry.score);
  return ROW_LABELS.map((label) =>
    meanRow(label, inCategories(label === '1-4' ? [1, 2, 3, 4] : [Number(label)])),
  );
}

/** Whether a question can be scored: it names at least one existing evidence turn. */
export function isScorable(question: LocomoQuestion): boolean {
  return question.evidence.length > 0;
}
