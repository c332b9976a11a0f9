/**
 * Measures the extractive compaction engine on LoCoMo (read at runtime from
 * ../shared/datasets, never copied into the repository).
 *
 * For each conversation and level it prints the compression ratio, the
 * validation score, the speed (ms per 10k original tokens) and the answer
 * recall of the compacted context against the same number of tokens of the
 * most recent raw history (answer recall: share of gold answer tokens,
 * lower-cased, punctuation stripped, stop words dropped, found in the text;
 * QA categories 1-4).
 *
 * Usage: npx tsx bench/compaction/measure-compaction.ts [path/to/locomo10.json] [--samples N]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { StoredMessage } from '@engram/core';
import { type CompactionResult, compactConversation, countTokens } from '@engram/core';

interface LocomoTurn {
  speaker: string;
  dia_id: string;
  text: string;
  blip_caption?: string;
}
interface LocomoSample {
  sample_id: string;
  conversation: Record<string, unknown> & { speaker_a: string; speaker_b: string };
  qa: { question: string; answer?: unknown; category: number }[];
}

const LEVELS = ['conservative', 'balanced', 'aggressive'] as const;
const MONTHS = 'january february march april may june july august september october november december'.split(
  ' ',
);
const STOP_WORDS = new Set(
  (
    'a an the and or but if of at by for with about against between into through during before after above below ' +
    'to from up down in out on off over under again further then once here there when where why how all any both ' +
    'each few more most other some such no nor not only own same so than too very s t can will just don should now ' +
    'i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself ' +
    'it its itself they them their theirs themselves what which who whom this that these those am is are was were ' +
    'be been being have has had having do does did doing would could'
  ).split(' '),
);

function main(): void {
  const args = process.argv.slice(2);
  const samplesFlag = args.indexOf('--samples');
  const sampleLimit = samplesFlag >= 0 ? Number(args[samplesFlag + 1]) : Number.POSITIVE_INFINITY;
  const pathArgument = args.find(
    (arg, position) => !arg.startsWith('--') && args[position - 1] !== '--samples',
  );
  const path =
    pathArgument ?? fileURLToPath(new URL('../../../shared/datasets/locomo/locomo10.json', import.meta.url));
  const samples = (JSON.parse(readFileSync(path, 'utf8')) as LocomoSample[]).slice(0, sampleLimit);

  // Warm the tokenizer, chrono and the JIT so the first conversation's timing is not a cold start.
  compactConversation({
    messages: toMessages(samples[0]!).slice(0, 200),
    level: 'balanced',
    now: new Date(),
  });

  const totals = new Map<string, Totals>();
  for (const sample of samples) {
    const messages = toMessages(sample);
    const questions = sample.qa.filter(
      (qa) => qa.category >= 1 && qa.category <= 4 && answerTokens(qa.answer).length > 0,
    );
    for (const level of LEVELS) {
      // Median of three runs: the machine is shared, single runs are noisy.
      const runs = [0, 1, 2].map(() => {
        const started = performance.now();
        const result = compactConversation({ messages, level, now: new Date() });
        return { result, elapsed: performance.now() - started };
      });
      const { result } = runs[0]!;
      const elapsed = runs.map((run) => run.elapsed).sort((left, right) => left - right)[1]!;
      const raw = recentRawHistory(messages, result.compactedTokenCount);
      const compactedRecall = meanRecall(questions, result.compactedContext);
      const rawRecall = meanRecall(questions, raw);
      const fullRecall = meanRecall(questions, renderLines(messages));
      print(sample.sample_id, level, result, elapsed, compactedRecall, rawRecall, fullRecall);
      accumulate(totals, level, result, elapsed, compactedRecall, rawRecall, questions.length);
    }
    const incremental = compactIncrementally(sample);
    const incrementalRecall = meanRecall(questions, incremental.result.compactedContext);
    const incrementalRaw = meanRecall(
      questions,
      recentRawHistory(messages, incremental.result.compactedTokenCount),
    );
    print(
      sample.sample_id,
      'balanced, per session',
      incremental.result,
      incremental.elapsed,
      incrementalRecall,
      incrementalRaw,
    );
    accumulate(
      totals,
      'balanced, per session',
      incremental.result,
      incremental.elapsed,
      incrementalRecall,
      incrementalRaw,
      questions.length,
    );
  }
  console.log('\nOverall (question-weighted recall; ms per 10k original tokens over all conversations)');
  console.log('level                  ratio  valid  passed  ms/10k  recall compacted  recall raw  Δ');
  for (const [level, total] of totals) {
    const compacted = total.compactedRecall / total.questions;
    const raw = total.rawRecall / total.questions;
    console.log(
      `${level.padEnd(22)} ${(total.ratio / total.runs).toFixed(2).padStart(5)}  ${(total.validation / total.runs).toFixed(3)}  ` +
        `${`${total.passed}/${total.runs}`.padStart(6)}  ${((total.ms / total.tokens) * 10_000).toFixed(1).padStart(6)}  ` +
        `${compacted.toFixed(3).padStart(16)}  ${raw.toFixed(3).padStart(10)}  ${(compacted - raw >= 0 ? '+' : '') + (compacted - raw).toFixed(3)}`,
    );
  }
  measureScaling(samples);
}

interface Totals {
  runs: number;
  ratio: number;
  validation: number;
  passed: number;
  ms: number;
  tokens: number;
  compactedRecall: number;
  rawRecall: number;
  questions: number;
}

function accumulate(
  totals: Map<string, Totals>,
  key: string,
  result: CompactionResult,
  elapsed: number,
  compactedRecall: number,
  rawRecall: number,
  questions: number,
): void {
  const total = totals.get(key) ?? {
    runs: 0,
    ratio: 0,
    validation: 0,
    passed: 0,
    ms: 0,
    tokens: 0,
    compactedRecall: 0,
    rawRecall: 0,
    questions: 0,
  };
  total.runs++;
  total.ratio += result.compressionRatio;
  total.validation += result.validationScore;
  total.passed += result.validationPassed ? 1 : 0;
  total.ms += elapsed;
  total.tokens += result.originalTokenCount;
  total.compactedRecall += compactedRecall * questions;
  total.rawRecall += rawRecall * questions;
  total.questions += questions;
  totals.set(key, total);
}

function print(
  sampleId: string,
  level: string,
  result: CompactionResult,
  elapsed: number,
  compactedRecall: number,
  rawRecall: number,
  fullRecall?: number,
): void {
  console.log(
    `${sampleId.padEnd(10)} ${level.padEnd(22)} tokens ${String(result.originalTokenCount).padStart(6)} → ` +
      `${String(result.compactedTokenCount).padStart(6)} (×${result.compressionRatio.toFixed(2)})  ` +
      `valid ${result.validationScore.toFixed(3)}${result.validationPassed ? ' ok ' : ' LOW'}  ` +
      `${((elapsed / result.originalTokenCount) * 10_000).toFixed(1).padStart(6)} ms/10k  ` +
      `recall ${compactedRecall.toFixed(3)} vs raw ${rawRecall.toFixed(3)}` +
      (fullRecall === undefined ? '' : ` (full history ${fullRecall.toFixed(3)})`),
  );
}

/**
 * Cost against length: all samples' turns as one conversation, compacted
 * whole and at growing prefixes. Flat ms per 10k tokens means linear time.
 */
function measureScaling(samples: readonly LocomoSample[]): void {
  const all = samples
    .flatMap(toMessages)
    .map((message, position) => ({ ...message, sequence: position + 1 }));
  console.log('\nScaling (all samples as one conversation, balanced; median of 3)');
  for (const share of [0.125, 0.25, 0.5, 1]) {
    const messages = all.slice(0, Math.round(all.length * share));
    const times: number[] = [];
    let result: CompactionResult | undefined;
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      result = compactConversation({ messages, level: 'balanced', now: new Date() });
      times.push(performance.now() - started);
    }
    const median = times.sort((left, right) => left - right)[1]!;
    console.log(
      `${String(messages.length).padStart(5)} messages ${String(result!.originalTokenCount).padStart(7)} tokens  ` +
        `${median.toFixed(0).padStart(5)} ms  ${((median / result!.originalTokenCount) * 10_000).toFixed(1)} ms/10k`,
    );
  }
}

/** Compacts session by session, each run on top of the previous one. */
function compactIncrementally(sample: LocomoSample): { result: CompactionResult; elapsed: number } {
  const messages = toMessages(sample);
  let previous: CompactionResult | undefined;
  let elapsed = 0;
  const sessions = [...new Set(messages.map((message) => String(message.metadata['session'])))];
  for (const session of sessions) {
    const batch = messages.filter((message) => String(message.metadata['session']) === session);
    const started = performance.now();
    previous = compactConversation({ messages: batch, level: 'balanced', now: new Date(), previous });
    elapsed += performance.now() - started;
  }
  return { result: previous!, elapsed };
}

/** Replays a sample's sessions as stored messages: speaker_a is the user, speaker_b the assistant. */
function toMessages(sample: LocomoSample): StoredMessage[] {
  const conversation = sample.conversation;
  const sessionNumbers = Object.keys(conversation)
    .map((key) => /^session_(\d+)$/.exec(key)?.[1])
    .filter((value): value is string => value !== undefined)
    .map(Number)
    .sort((left, right) => left - right);
  const messages: StoredMessage[] = [];
  for (const number of sessionNumbers) {
    const turns = conversation[`session_${number}`] as LocomoTurn[];
    const start = parseSessionDate(String(conversation[`session_${number}_date_time`]));
    turns.forEach((turn, position) => {
      const caption = turn.blip_caption ? ` [shares a photo: ${turn.blip_caption}]` : '';
      messages.push({
        messageId: `${sample.sample_id}-${turn.dia_id}`,
        instanceId: 'bench',
        conversationId: sample.sample_id,
        role: turn.speaker === conversation.speaker_a ? 'user' : 'assistant',
        content: `${turn.speaker}: ${turn.text}${caption}`,
        userId: sample.sample_id,
        customerId: sample.sample_id,
        sessionId: `${sample.sample_id}-s${number}`,
        metadata: { session: number },
        recordedAt: new Date(start.getTime() + position * 30_000).toISOString(),
        sequence: messages.length + 1,
      });
    });
  }
  return messages;
}

/** "1:56 pm on 8 May, 2023" → that instant in UTC. */
function parseSessionDate(text: string): Date {
  const match = /(\d{1,2}):(\d{2})\s*(am|pm)\s+on\s+(\d{1,2})\s+(\w+),?\s+(\d{4})/i.exec(text);
  if (!match) throw new Error(`unparsable session date: ${text}`);
  const [, hour, minute, meridiem, day, month, year] = match;
  const hours = (Number(hour) % 12) + (meridiem!.toLowerCase() === 'pm' ? 12 : 0);
  return new Date(
    Date.UTC(Number(year), MONTHS.indexOf(month!.toLowerCase()), Number(day), hours, Number(minute)),
  );
}

/** The most recent messages, rendered like the compacted context (day lines, "Speaker: text"), within `budget` tokens. */
function recentRawHistory(messages: readonly StoredMessage[], budget: number): string {
  let start = messages.length;
  let used = 0;
  while (start > 0) {
    const cost = countTokens(`${messages[start - 1]!.content}\n`) + 1;
    if (used + cost > budget) break;
    used += cost;
    start--;
  }
  let text = renderLines(messages.slice(start));
  // Day lines cost a little extra; trim from the oldest until the exact count fits.
  while (countTokens(text) > budget && start < messages.length) text = renderLines(messages.slice(++start));
  return text;
}

function renderLines(messages: readonly StoredMessage[]): string {
  const lines: string[] = [];
  let day = '';
  for (const message of messages) {
    const messageDay = message.recordedAt.slice(0, 10);
    if (messageDay !== day) {
      const date = new Date(message.recordedAt);
      const month = MONTHS[date.getUTCMonth()]!;
      lines.push(
        `[${date.getUTCDate()} ${month[0]!.toUpperCase()}${month.slice(1)} ${date.getUTCFullYear()}]`,
      );
      day = messageDay;
    }
    lines.push(message.content);
  }
  return lines.join('\n');
}

function answerTokens(answer: unknown): string[] {
  return normalizeTokens(String(answer ?? '')).filter((token) => !STOP_WORDS.has(token));
}

function normalizeTokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter((token) => token.length > 0);
}

function meanRecall(questions: readonly { answer?: unknown }[], text: string): number {
  if (questions.length === 0) return 0;
  const present = new Set(normalizeTokens(text));
  let sum = 0;
  for (const question of questions) {
    const tokens = answerTokens(question.answer);
    sum += tokens.filter((token) => present.has(token)).length / tokens.length;
  }
  return sum / questions.length;
}

main();
