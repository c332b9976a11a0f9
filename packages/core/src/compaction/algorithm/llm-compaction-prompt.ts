import { z } from 'zod';
import type { ChatMessage } from '../../ports/chat-model.js';
import type { CompactionPlan } from './compaction-plan.js';
import { formatDay } from './text-analysis.js';

const itemSchema = z.union([
  z.string(),
  z.object({
    content: z.string(),
    speaker: z.string().nullish(),
    /** The `[n]` number of the transcript line it comes from. */
    source: z.number().int().nullish(),
  }),
]);
const itemListSchema = z.array(itemSchema).nullish();

/**
 * What the model must return. Tolerant where models differ: items may be
 * plain strings, every list may be null or missing.
 */
export const llmCompactionSchema = z.object({
  summary: z.string(),
  current_state: z
    .object({
      goals: z.array(z.string()).nullish(),
      open_questions: z.array(z.string()).nullish(),
      decisions: z.array(z.string()).nullish(),
      latest_topic: z.string().nullish(),
    })
    .nullish(),
  key_extractions: z
    .object({
      facts: itemListSchema,
      decisions: itemListSchema,
      preferences: itemListSchema,
      constraints: itemListSchema,
    })
    .nullish(),
});

/** A reply matching {@link llmCompactionSchema}. */
export type LlmCompactionReply = z.output<typeof llmCompactionSchema>;

/** One transcript line shown to the model: `[n] (8 May 2023) Caroline: text`, `n` being the message sequence. */
export interface TranscriptLine {
  sequence: number;
  recordedAt: string;
  speaker: string;
  text: string;
}

const SYSTEM_PROMPT = [
  'You compact a conversation into memory for an AI assistant that will continue it later.',
  'Reply with one JSON object only: {"summary": string, "current_state": {"goals": [string], "open_questions": [string],',
  '"decisions": [string], "latest_topic": string}, "key_extractions": {"facts": [item], "decisions": [item],',
  '"preferences": [item], "constraints": [item]}} where item is {"content": string, "speaker": string, "source": number}.',
  'Rules: write only what the transcript states; keep names, numbers and dates exactly; resolve relative dates',
  '("yesterday", "last week") to calendar dates using the date on each line; attribute every item to its speaker;',
  '"source" is the [n] of the line an item comes from; decisions are only those still standing at the end;',
  'open_questions are questions nobody has answered yet. Earlier context, when given, is already condensed: keep',
  'what still matters from it.',
].join(' ');

/**
 * The chat messages asking for a compaction of `lines` within about
 * `budgetTokens` (the summary gets roughly two thirds of it, in words).
 * `earlierContext` is the previous compaction's text, if any. Pure.
 */
export function buildLlmCompactionMessages(
  lines: readonly TranscriptLine[],
  budgetTokens: number,
  earlierContext: string,
): ChatMessage[] {
  const summaryWords = Math.max(40, Math.round(budgetTokens * 0.5));
  const transcript = lines
    .map((line) => `[${line.sequence}] (${formatDay(line.recordedAt)}) ${line.speaker}: ${line.text}`)
    .join('\n');
  const parts = [
    earlierContext === '' ? '' : `Earlier context (already condensed):\n${earlierContext}\n`,
    `Transcript:\n${transcript}\n`,
    `Write a summary of at most ${summaryWords} words and the JSON described above.`,
  ];
  return [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: parts.filter((part) => part !== '').join('\n') },
  ];
}

/** Transcript lines of a plan's fresh sources (previous segments travel as `earlierContext`). */
export function transcriptLines(plan: CompactionPlan): TranscriptLine[] {
  return plan.sources
    .filter((source) => !source.fromPrevious)
    .map((source) => ({
      sequence: source.sequence,
      recordedAt: source.recordedAt,
      speaker: source.speaker,
      text: source.text,
    }));
}
