/**
 * `npm run bench:compact`: compaction through the HTTP API on LoCoMo (read at
 * runtime from ../shared/datasets, never copied into the repository).
 *
 * Starts a private server, replays each conversation as recorded messages
 * (E8: "Speaker: text" plus the photo caption suffix; speaker A is the user),
 * compacts it at each level (E10, forced, so each level starts from the raw
 * history), waits for the job (E12) and reads the result (E11, structured).
 * Prints per level: compression ratio, validation score, server-side
 * compaction time per 10k original tokens, and answer recall (categories
 * 1–4) of the E11 text against the same number of BPE tokens of the most
 * recent raw history.
 *
 * Usage: npm run bench:compact [-- path/to/locomo10.json] [--samples N]
 */
import { randomUUID } from 'node:crypto';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LOCOMO_PATH, type LocomoSample, loadLocomo } from '../locomo/locomo-dataset.js';
import { startEngramServer } from '../support/engram-server-process.js';
import {
  type CompactionConnection,
  type CompactionRun,
  compactAt,
  recordMessages,
} from './compaction-http.js';
import { meanAnswerRecall, recentRawHistory } from './compaction-recall.js';

const LEVELS = ['conservative', 'balanced', 'aggressive', 'adaptive'] as const;
const FORMAT = 'structured';

interface LevelTotals {
  runs: number;
  ratio: number;
  validation: number;
  passed: number;
  serverMs: number;
  queuedToDoneMs: number;
  originalTokens: number;
  formattedTokens: number;
  compactedRecall: number;
  rawRecall: number;
  questions: number;
  applied: Map<string, number>;
}

function parseArguments(args: readonly string[]): { path: string; samples: number } {
  const flag = args.indexOf('--samples');
  const samples = flag >= 0 ? Number(args[flag + 1]) : Number.POSITIVE_INFINITY;
  const path = args.find((arg, position) => !arg.startsWith('--') && args[position - 1] !== '--samples');
  return { path: path ?? DEFAULT_LOCOMO_PATH, samples };
}

/** The answers of questions in categories 1–4 (5 is adversarial: no answer to recall). */
function scorableAnswers(sample: LocomoSample): string[] {
  return sample.questions.filter((question) => question.category <= 4).map((question) => question.answer);
}

async function replay(connection: CompactionConnection, sample: LocomoSample): Promise<string> {
  const conversationId = randomUUID();
  await recordMessages(
    connection,
    sample.turns.map((turn) => ({
      conversation_id: conversationId,
      role: turn.speaker === sample.speakerA ? 'user' : 'assistant',
      content: turn.line,
      user_id: sample.sampleId,
      metadata: { dia_id: turn.diaId, session: turn.sessionNumber },
    })),
  );
  return conversationId;
}

function accumulate(
  totals: Map<string, LevelTotals>,
  level: string,
  run: CompactionRun,
  compacted: { recall: number; questions: number },
  raw: { recall: number },
): void {
  const total = totals.get(level) ?? {
    runs: 0,
    ratio: 0,
    validation: 0,
    passed: 0,
    serverMs: 0,
    queuedToDoneMs: 0,
    originalTokens: 0,
    formattedTokens: 0,
    compactedRecall: 0,
    rawRecall: 0,
    questions: 0,
    applied: new Map<string, number>(),
  };
  const reply = run.compacted;
  total.runs += 1;
  total.ratio += reply.compression_ratio;
  total.validation += reply.validation_score;
  total.passed += reply.validation_passed ? 1 : 0;
  total.serverMs += run.serverMs;
  total.queuedToDoneMs += run.queuedToDoneMs;
  total.originalTokens += reply.original_token_count;
  total.formattedTokens += reply.formatted_token_count;
  total.compactedRecall += compacted.recall * compacted.questions;
  total.rawRecall += raw.recall * compacted.questions;
  total.questions += compacted.questions;
  total.applied.set(reply.level_applied, (total.applied.get(reply.level_applied) ?? 0) + 1);
  totals.set(level, total);
}

function printTotals(totals: Map<string, LevelTotals>, fullRecall: number): void {
  console.log(
    '\nOverall (ratio and validation: mean over conversations; ms/10k: summed time over summed original tokens;' +
      ' recall: question-weighted, categories 1-4)',
  );
  console.log(
    '| level | applied | ratio | validation | passed | server ms/10k | queued→done ms/10k | E11 tokens | recall compacted | recall raw (same tokens) | Δ |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const [level, total] of totals) {
    const compacted = total.compactedRecall / total.questions;
    const raw = total.rawRecall / total.questions;
    const applied = [...total.applied].map(([name, count]) => `${name}×${count}`).join(' ');
    console.log(
      `| ${level} | ${applied} | ${(total.ratio / total.runs).toFixed(2)} | ${(total.validation / total.runs).toFixed(3)} | ` +
        `${total.passed}/${total.runs} | ${((total.serverMs / total.originalTokens) * 10_000).toFixed(1)} | ` +
        `${((total.queuedToDoneMs / total.originalTokens) * 10_000).toFixed(1)} | ${Math.round(total.formattedTokens / total.runs)} | ` +
        `${compacted.toFixed(3)} | ${raw.toFixed(3)} | ${compacted - raw >= 0 ? '+' : ''}${(compacted - raw).toFixed(3)} |`,
    );
  }
  console.log(`Full raw history (no budget): recall ${fullRecall.toFixed(3)}`);
}

async function main(): Promise<void> {
  const { path, samples: sampleLimit } = parseArguments(process.argv.slice(2));
  const samples = (await loadLocomo(path)).slice(0, sampleLimit);
  const cpu = cpus();
  console.log(`bench:compact  ${new Date().toISOString()}`);
  console.log(
    `machine: ${cpu[0]?.model ?? 'unknown CPU'} ×${cpu.length}, Node ${process.version}, ${process.platform}`,
  );
  console.log(
    `command: npm run bench:compact${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
  );
  console.log(`dataset: ${path} (${samples.length} conversations); E11 format ${FORMAT}\n`);
  const server = await startEngramServer({
    instanceName: 'bench-compact',
    env: {
      // Only the benchmark's own compactions: no threshold or scheduled ones during the replay.
      ENGRAM_COMPACTION_THRESHOLD_TOKENS: '0',
      ENGRAM_COMPACTION_SCHEDULE_SECONDS: '0',
      ENGRAM_MODEL_CACHE_DIR: join(tmpdir(), 'engram-bench-models'),
    },
  });
  const connection = { baseUrl: server.url, apiKey: server.apiKey };
  const totals = new Map<string, LevelTotals>();
  let fullRecallSum = 0;
  let fullQuestions = 0;
  try {
    // Warm the server's tokenizer, date parser and JIT on one throw-away compaction, so the first
    // measured conversation does not pay a cold start the others do not.
    const warmSample = samples[0];
    if (warmSample !== undefined)
      await compactAt(connection, await replay(connection, warmSample), 'balanced', FORMAT);
    for (const sample of samples) {
      const conversationId = await replay(connection, sample);
      const answers = scorableAnswers(sample);
      const lines = sample.turns.map((turn) => turn.line);
      const full = meanAnswerRecall(lines.join('\n'), answers);
      fullRecallSum += full.recall * full.questions;
      fullQuestions += full.questions;
      for (const level of LEVELS) {
        const run = await compactAt(connection, conversationId, level, FORMAT);
        const reply = run.compacted;
        const compacted = meanAnswerRecall(reply.formatted_context, answers);
        const raw = meanAnswerRecall(recentRawHistory(lines, reply.formatted_token_count), answers);
        accumulate(totals, level, run, compacted, raw);
        console.log(
          `${sample.sampleId.padEnd(10)} ${level.padEnd(12)} → ${reply.level_applied.padEnd(12)} ` +
            `tokens ${String(reply.original_token_count).padStart(6)} → ${String(reply.compacted_token_count).padStart(6)} ` +
            `(×${reply.compression_ratio.toFixed(2)}; E11 ${reply.formatted_token_count})  ` +
            `valid ${reply.validation_score.toFixed(3)}${reply.validation_passed ? ' ok ' : ' LOW'}  ` +
            `server ${run.serverMs.toFixed(0).padStart(4)} ms (${((run.serverMs / reply.original_token_count) * 10_000).toFixed(1)} ms/10k)  ` +
            `recall ${compacted.recall.toFixed(3)} vs raw ${raw.recall.toFixed(3)} (full ${full.recall.toFixed(3)})`,
        );
      }
    }
    printTotals(totals, fullQuestions === 0 ? 0 : fullRecallSum / fullQuestions);
  } finally {
    await server.stop();
  }
}

await main();
