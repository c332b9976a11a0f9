import { z } from 'zod';
import { EXPORT_FORMATS } from './export-render.js';

/** One raw dialogue turn. Unknown keys (`img_url`, `query`, ...) are ignored. */
export const rawTurnSchema = z.object({
  speaker: z.string().min(1),
  dia_id: z.string().min(1),
  text: z.string(),
  blip_caption: z.string().nullish(),
  /** Own fixtures only: the message's wall-clock time, `YYYY-MM-DDTHH:MM[:SS]` (rendered by `export_format`). */
  time: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?$/)
    .optional(),
});

// Answers are mostly strings, a few are bare numbers (years); category 5 has
// `adversarial_answer` instead and sometimes both.
const answerSchema = z.union([z.string(), z.number()]).nullish();

/** One raw question. */
export const rawQuestionSchema = z.object({
  question: z.string().min(1),
  answer: answerSchema,
  adversarial_answer: answerSchema,
  evidence: z.array(z.string()).default([]),
  category: z.number().int().min(1).max(5),
});

/**
 * One raw sample. `conversation` mixes fixed keys with numbered
 * `session_N` / `session_N_date_time` keys, so it is checked as a record here
 * and its sessions are validated one by one when the sample is normalised.
 */
export const rawSampleSchema = z.object({
  sample_id: z.string().min(1),
  conversation: z
    .object({ speaker_a: z.string().min(1), speaker_b: z.string().min(1) })
    .catchall(z.unknown()),
  qa: z.array(rawQuestionSchema),
  /** Own fixtures only: render the sessions as this chat app's export instead of `Name: text` lines. */
  export_format: z.enum(EXPORT_FORMATS).optional(),
});

/** A whole LoCoMo file: an array of samples. */
export const rawDatasetSchema = z.array(rawSampleSchema).min(1);

/** A raw turn as validated. */
export type RawTurn = z.infer<typeof rawTurnSchema>;
/** A raw question as validated. */
export type RawQuestion = z.infer<typeof rawQuestionSchema>;
/** A raw sample as validated. */
export type RawSample = z.infer<typeof rawSampleSchema>;
