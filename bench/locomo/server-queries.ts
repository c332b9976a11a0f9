import { type EngramConnection, fetchUserContext, itemText } from '../support/engram-http-client.js';
import { type LatencySummary, summariseLatencies } from '../support/latency-stats.js';
import { mapWithConcurrency } from '../support/map-with-concurrency.js';
import type { LocomoCategory, LocomoSample } from './locomo-dataset.js';
import type { RetrievalMode } from './run-arguments.js';
import {
  aggregateScores,
  isScorable,
  type QuestionScore,
  type RankedItem,
  type ScoreRow,
  scoreQuestion,
  TurnIndex,
} from './scoring.js';

/** One question's result against the server, without the question text (the data stays in the dataset). */
export interface QuestionOutcome {
  readonly sampleId: string;
  readonly questionIndex: number;
  readonly category: LocomoCategory;
  readonly latencyMs: number;
  readonly items: number;
  /** Source lines cited by the items, and how many of them matched a turn. */
  readonly sourceLines: number;
  readonly mappedSourceLines: number;
  readonly score: QuestionScore;
  /** The failure, when the fetch failed (the question then scores as an empty result). */
  readonly error: string | undefined;
}

/** Everything one retrieval mode produced. */
export interface ModeEvaluation {
  readonly mode: RetrievalMode;
  readonly outcomes: readonly QuestionOutcome[];
  readonly rows: readonly ScoreRow[];
  /** Latency of successful fetches, in milliseconds. */
  readonly latency: LatencySummary;
  readonly failures: number;
}

/** Maximum items the protocol asks for per question. */
export const MAX_RESULTS = 50;

/**
 * Asks the server every scorable question of `samples` in one mode
 * (`search_query = [question]`, 50 results, all types), ranks the merged lists
 * by relevance and scores them. Fetch failures are counted and scored as empty
 * results rather than aborting a long run.
 */
export async function evaluateMode(
  connection: EngramConnection,
  samples: readonly LocomoSample[],
  mode: RetrievalMode,
  concurrency: number,
): Promise<ModeEvaluation> {
  const tasks = samples.flatMap((sample) => {
    const turns = new TurnIndex(sample.turns);
    return sample.questions.filter(isScorable).map((question) => ({ sample, turns, question }));
  });
  const outcomes = await mapWithConcurrency(tasks, concurrency, async ({ sample, turns, question }) => {
    const started = performance.now();
    let items: RankedItem[] = [];
    let error: string | undefined;
    try {
      const retrieved = await fetchUserContext(connection, {
        user_id: sample.sampleId,
        customer_id: null,
        search_query: [question.question],
        max_results: MAX_RESULTS,
        types: ['all'],
        mode,
      });
      items = retrieved.map((item) => ({ text: itemText(item), sourceEvidence: item.source_evidence ?? [] }));
    } catch (failure) {
      error = (failure as Error).message;
    }
    const latencyMs = performance.now() - started;
    const lines = items.flatMap((item) => item.sourceEvidence);
    return {
      sampleId: sample.sampleId,
      questionIndex: question.index,
      category: question.category,
      latencyMs,
      items: items.length,
      sourceLines: lines.length,
      mappedSourceLines: lines.filter((line) => turns.turnFor(line) !== undefined).length,
      score: scoreQuestion(items, question, turns),
      error,
    };
  });
  const succeeded = outcomes.filter((outcome) => outcome.error === undefined);
  return {
    mode,
    outcomes,
    rows: aggregateScores(outcomes),
    latency: summariseLatencies(succeeded.map((outcome) => outcome.latencyMs)),
    failures: outcomes.length - succeeded.length,
  };
}
