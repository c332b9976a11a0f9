import { z } from 'zod';
import { generateJson } from '../llm/generate-json.js';
import type { ChatModel } from '../ports/chat-model.js';
import { MAX_SUB_QUERIES } from './query-decomposition.js';

const decompositionSchema = z.object({
  queries: z.array(z.string()).describe('Standalone search queries, at most four'),
});

const INSTRUCTIONS = `You rewrite a question for a memory search engine.
Split it into at most ${MAX_SUB_QUERIES} short, standalone search queries, one per piece of information needed
to answer it (for a multi-hop question, one per hop). Replace pronouns with the names they refer to.
Keep names, dates and distinctive words. If the question is already a single simple ask, return it alone.
Reply with JSON only: {"queries": ["...", "..."]}.`;

/**
 * Asks `model` to decompose `query` into standalone sub-queries (accurate
 * mode with an LLM configured). Best effort: any failure (provider error,
 * unusable reply, abort) yields [] and retrieval goes on with the rule-based
 * decomposition. Returns distinct non-empty queries other than `query`
 * itself, at most {@link MAX_SUB_QUERIES}.
 */
export async function decomposeWithLlm(
  model: ChatModel,
  query: string,
  abortSignal?: AbortSignal,
): Promise<string[]> {
  try {
    const { value } = await generateJson(model, {
      messages: [
        { role: 'system', content: INSTRUCTIONS },
        { role: 'user', content: query },
      ],
      schema: decompositionSchema,
      jsonSchemaName: 'query_decomposition',
      maxAttempts: 2,
      temperature: 0,
      maxTokens: 300,
      initialRetryDelayMs: 200,
      maxRetryDelayMs: 1_000,
      abortSignal,
    });
    const original = query.trim().toLowerCase();
    const queries: string[] = [];
    for (const candidate of value.queries) {
      const text = candidate.trim().slice(0, 500);
      if (text === '' || text.toLowerCase() === original || queries.includes(text)) continue;
      queries.push(text);
    }
    return queries.slice(0, MAX_SUB_QUERIES);
  } catch {
    // Decomposition only widens recall; the original query is still searched.
    return [];
  }
}
