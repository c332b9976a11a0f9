import { z } from 'zod';
import { generateJson } from '../llm/generate-json.js';
import type { ChatModel } from '../ports/chat-model.js';
import type { RankedCandidate } from './ranked-candidate.js';
import { relevanceOf } from './result-shaping.js';

/** Tuning of {@link rerankWithLlm}. */
export interface LlmRerankOptions {
  /** Best candidates shown to the model; the rest keep their places below them. */
  candidates: number;
  /** Share of the model's judgement in the new order (the rest is the incoming score). */
  weight: number;
  /** Characters of each memory shown. */
  maxMemoryChars: number;
}

/**
 * Defaults: twenty candidates cover the ten results a fetch returns by
 * default with room to promote from below; the model's order counts as much
 * as the offline ranking, so one wrong pick cannot sink a strong match.
 */
export const LLM_RERANK: LlmRerankOptions = { candidates: 20, weight: 0.5, maxMemoryChars: 400 };

const judgementSchema = z.object({
  relevant: z
    .array(z.number().int())
    .describe('Numbers of the memories that help answer the question, most useful first'),
});

const INSTRUCTIONS = `You rank memories for an assistant that must answer a question about a user.
You get the question and numbered memories. Reply with the numbers of the memories that help answer it,
most useful first; leave out memories that do not help. Judge only by the memories' text.
Reply with JSON only: {"relevant": [3, 1]}.`;

/**
 * LLM re-ranking (accurate mode with a chat model configured): the best
 * `options.candidates` candidates are shown to `model` with the questions,
 * and each is re-scored as `(1 − weight) × its relevance + weight × the
 * model's vote`: its relevance as the response reports it (relevanceOf), the
 * vote 1 for the model's first pick, falling linearly, 0 for a memory it
 * left out. The block is re-ordered by that score and given back the
 * block's own scores in order, so relevance keeps its scale and nothing
 * below the block moves. Best effort: any failure (provider error,
 * unusable reply, abort) returns `ranked` as it was.
 * Expects `ranked` best first with scores as `rerankByLearnedModel` gives them.
 */
export async function rerankWithLlm(
  model: ChatModel,
  questions: readonly string[],
  ranked: readonly RankedCandidate[],
  options: LlmRerankOptions = LLM_RERANK,
  abortSignal?: AbortSignal,
): Promise<RankedCandidate[]> {
  const block = ranked.slice(0, Math.max(0, options.candidates));
  if (block.length < 2 || questions.length === 0) return [...ranked];
  let picks: number[];
  try {
    const { value } = await generateJson(model, {
      messages: [
        { role: 'system', content: INSTRUCTIONS },
        { role: 'user', content: promptOf(questions, block, options.maxMemoryChars) },
      ],
      schema: judgementSchema,
      jsonSchemaName: 'memory_relevance',
      maxAttempts: 2,
      temperature: 0,
      maxTokens: 200,
      initialRetryDelayMs: 200,
      maxRetryDelayMs: 1_000,
      abortSignal,
    });
    picks = value.relevant;
  } catch {
    // Re-ranking only reorders; the offline ranking is still a good answer.
    return [...ranked];
  }
  const votes = votesOf(picks, block.length);
  const reordered = block
    .map((candidate, index) => ({
      candidate,
      index,
      blended: (1 - options.weight) * relevanceOf(candidate.score) + options.weight * (votes[index] ?? 0),
    }))
    .sort((left, right) => right.blended - left.blended || left.index - right.index);
  const scores = block.map((candidate) => candidate.score).sort((left, right) => right - left);
  return [
    ...reordered.map(({ candidate }, position) => ({
      ...candidate,
      score: scores[position] ?? candidate.score,
    })),
    ...ranked.slice(block.length),
  ];
}

/** The question(s), then one numbered line per memory (1-based), with its date when it has one. */
function promptOf(questions: readonly string[], block: readonly RankedCandidate[], maxChars: number): string {
  const lines = block.map((candidate, index) => {
    const date = candidate.memory.eventDate ?? candidate.memory.sourceDocumentCreatedAt;
    const day = date === undefined || date === '' ? '' : ` (${date.slice(0, 10)})`;
    const text = candidate.memory.content.replace(/\s+/gu, ' ').slice(0, maxChars);
    return `[${index + 1}]${day} ${text}`;
  });
  const asked = questions.map((question) => `Question: ${question.slice(0, 1_000)}`).join('\n');
  return `${asked}\n\nMemories:\n${lines.join('\n')}`;
}

/**
 * Vote per block position from the model's picks (1-based numbers): the
 * first valid pick 1, the k-th `1 − (k − 1) / picks`, unknown and repeated
 * numbers ignored.
 */
function votesOf(picks: readonly number[], size: number): number[] {
  const valid: number[] = [];
  for (const pick of picks) {
    if (Number.isInteger(pick) && pick >= 1 && pick <= size && !valid.includes(pick - 1))
      valid.push(pick - 1);
  }
  const votes = new Array<number>(size).fill(0);
  valid.forEach((position, rank) => {
    votes[position] = 1 - rank / valid.length;
  });
  return votes;
}
