import { countTokens } from '@engram/core';
import { contentTokens } from '../locomo/text-tokens.js';

/**
 * Answer recall of one text (datasets README rule): the share of the gold
 * answer's distinct content tokens (lower-cased, punctuation stripped, stop
 * words dropped) present in the text. Null when the answer has no content
 * token, so such questions leave the mean.
 */
export function answerRecallIn(textTokens: ReadonlySet<string>, answer: string): number | null {
  const gold = new Set(contentTokens(answer));
  if (gold.size === 0) return null;
  return [...gold].filter((token) => textTokens.has(token)).length / gold.size;
}

/** Mean answer recall of `text` over the answers (null answers skipped); also how many counted. */
export function meanAnswerRecall(
  text: string,
  answers: readonly string[],
): { recall: number; questions: number } {
  const present = new Set(contentTokens(text));
  let sum = 0;
  let questions = 0;
  for (const answer of answers) {
    const recall = answerRecallIn(present, answer);
    if (recall === null) continue;
    sum += recall;
    questions += 1;
  }
  return { recall: questions === 0 ? 0 : sum / questions, questions };
}

/**
 * The most recent lines, oldest first, whose newline-joined text has at most
 * `budget` BPE tokens (o200k_base, as the server counts): the "truncated raw
 * history" a compaction of the same size is compared with.
 */
export function recentRawHistory(lines: readonly string[], budget: number): string {
  let start = lines.length;
  let used = 0;
  while (start > 0) {
    const cost = countTokens(`${lines[start - 1]}\n`);
    if (used + cost > budget) break;
    used += cost;
    start -= 1;
  }
  let text = lines.slice(start).join('\n');
  // Joined text may tokenize a little differently from the pieces; trim from the oldest until it fits.
  while (countTokens(text) > budget && start < lines.length) text = lines.slice(++start).join('\n');
  return text;
}
