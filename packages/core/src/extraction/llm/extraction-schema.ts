import { z } from 'zod';

// The model sees this schema (as strict JSON Schema) and its reply is parsed back with it.
// Parsing is tolerant: a bad score or entity type degrades to null/"thing", and one
// unusable memory becomes null (dropped later) instead of failing the whole reply.

const optionalText = z.string().nullish().catch(null);
const optionalScore = z.coerce.number().nullish().catch(null);
const optionalDate = (description: string) => z.string().nullish().catch(null).describe(description);

const entitySchema = z.object({
  name: z.string(),
  type: z.enum(['person', 'place', 'organization', 'event', 'date', 'thing']).catch('thing'),
});

const relationSchema = z.object({
  subject: z.string(),
  relation: z.string().describe('snake_case verb phrase, e.g. "works_at", "attended"'),
  object: z.string(),
});

/** One memory as the model proposes it, before mapping to `ExtractedMemory`. */
export const llmMemorySchema = z.object({
  type: z.enum(['fact', 'preference', 'episode', 'emotion', 'temporal_event']),
  content: z
    .string()
    .describe('One standalone third-person sentence using names, never pronouns, with absolute dates'),
  confidence: optionalScore.describe('0..1: how clearly the cited lines support the memory'),
  lines: z.array(z.coerce.number()).catch([]).describe('Numbers of the document lines that state the memory'),
  subject: optionalText.describe('Who or what the memory is about, by name'),
  attribute: optionalText.describe('snake_case attribute for facts and preferences, e.g. "lives_in", "job"'),
  value: optionalText.describe('The attribute\'s value, e.g. "Boston"'),
  event_date: optionalDate('ISO 8601 date or date-time when it happened or became true'),
  valid_until: optionalDate('ISO 8601 date or date-time when it stops being true'),
  temporal_category: z
    .enum(['perpetual', 'temporal_fact', 'episode'])
    .nullish()
    .catch(null)
    .describe('perpetual: always true; temporal_fact: true for a while; episode: a one-off happening'),
  entities: z.array(entitySchema.nullable().catch(null)).catch([]),
  relations: z.array(relationSchema.nullable().catch(null)).catch([]),
  category: optionalText.describe('Preference only: "food", "travel", "communication", ...'),
  strength: optionalScore.describe('Preference only: 0..1'),
  emotion_type: optionalText.describe('Emotion only: "frustrated", "happy", "anxious", ...'),
  intensity: optionalScore.describe('Emotion only: 0..1'),
  emotion_context: optionalText.describe('Emotion only: what triggered it'),
  significance: optionalScore.describe('Episode only: 0..1'),
  participants: z.array(z.string()).nullish().catch(null).describe('Episode only: names of those involved'),
});

/** The whole reply: `{ "memories": [...] }`. */
export const llmExtractionSchema = z.object({
  memories: z.array(llmMemorySchema.nullable().catch(null)),
});

/** A memory as parsed from the model's reply. */
export type LlmMemory = z.output<typeof llmMemorySchema>;
