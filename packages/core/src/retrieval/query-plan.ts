import type { ChatModel } from '../ports/chat-model.js';
import { decomposeWithLlm } from './llm-query-decomposition.js';
import { decomposeQuery } from './query-decomposition.js';

/** One text to search and how much its matches count. */
export interface PlannedQuery {
  text: string;
  /** 1 for a caller's query; lower for a derived sub-query, which only widens recall. */
  weight: number;
  /** Whether the caller sent it (re-ranking compares memories with these). */
  original: boolean;
}

/** Weight of a sub-query derived by decomposition. */
export const SUB_QUERY_WEIGHT = 0.8;
/** Most texts searched for one fetch, originals first. */
export const MAX_PLANNED_QUERIES = 12;

/**
 * The texts a fetch searches: the caller's queries, and in accurate mode
 * also their sub-queries (LLM decomposition when a chat model is given, else
 * the rule-based one). De-duplicated case-insensitively, originals first.
 */
export async function planQueries(
  queries: readonly string[],
  accurate: boolean,
  chatModel: ChatModel | undefined,
  abortSignal?: AbortSignal,
): Promise<PlannedQuery[]> {
  const planned: PlannedQuery[] = [];
  const seen = new Set<string>();
  const add = (text: string, original: boolean) => {
    const key = text.trim().toLowerCase();
    if (key === '' || seen.has(key) || planned.length >= MAX_PLANNED_QUERIES) return;
    seen.add(key);
    planned.push({ text: text.trim(), weight: original ? 1 : SUB_QUERY_WEIGHT, original });
  };
  for (const query of queries) add(query, true);
  if (!accurate) return planned;
  const derived = await Promise.all(
    queries.map(async (query) => {
      const fromModel = chatModel === undefined ? [] : await decomposeWithLlm(chatModel, query, abortSignal);
      return fromModel.length > 0 ? fromModel : decomposeQuery(query);
    }),
  );
  for (const subQueries of derived) for (const text of subQueries) add(text, false);
  return planned;
}
