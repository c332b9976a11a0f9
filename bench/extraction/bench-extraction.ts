/**
 * Measures the offline ingestion front half (parseDocument + rule-based extraction)
 * on LoCoMo, read at runtime from ../shared/datasets (never copied into the repo).
 * Prints turns/s, sessions/s, memories per session and per type, the share of
 * turns cited by some memory, and the share of question evidence turns (categories
 * 1–4) cited by some memory, which bounds evidence recall. With --examples it also
 * prints each turn of one session with the memories drawn from it.
 *
 * Usage: npx tsx bench/extraction/bench-extraction.ts [--mode fast|long-range] [--rounds N]
 *        [--dataset PATH] [--examples SAMPLE:SESSION]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExtractedMemory, IngestMode, ParsedDocument } from '@engram/core';
import { extractMemories, parseDocument } from '@engram/core';

interface LocomoTurn {
  speaker: string;
  dia_id: string;
  text: string;
  blip_caption?: string;
}

interface LocomoSample {
  conversation: Record<string, unknown>;
  qa: Array<{ evidence: string[]; category: number }>;
}

interface Session {
  sample: number;
  number: number;
  text: string;
  createdAt: string;
  turns: LocomoTurn[];
}

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const root = new URL('../..', import.meta.url).pathname;
const datasetPath = argument('dataset', join(root, '..', 'shared', 'datasets', 'locomo', 'locomo10.json'));
const mode = argument('mode', 'long-range') as IngestMode;
const rounds = Number(argument('rounds', '3'));
const examples = argument('examples', '');
const MONTHS = 'January February March April May June July August September October November December';

/** "1:56 pm on 8 May, 2023" → ISO. */
function sessionDate(text: string): string {
  const match = /(\d+):(\d+)\s*(am|pm) on (\d+) (\w+),? (\d+)/i.exec(text);
  if (match === null) throw new Error(`unreadable session date: ${text}`);
  let hours = Number(match[1]) % 12;
  if (match[3]?.toLowerCase() === 'pm') hours += 12;
  const month = MONTHS.split(' ').indexOf(match[5] ?? '');
  return new Date(Date.UTC(Number(match[6]), month, Number(match[4]), hours, Number(match[2]))).toISOString();
}

const samples = JSON.parse(readFileSync(datasetPath, 'utf8')) as LocomoSample[];
const sessions: Session[] = [];
samples.forEach((sample, sampleIndex) => {
  for (const key of Object.keys(sample.conversation)) {
    const number = /^session_(\d+)$/.exec(key)?.[1];
    if (number === undefined) continue;
    const turns = sample.conversation[key] as LocomoTurn[];
    const lines = turns.map(
      (turn) =>
        `${turn.speaker}: ${turn.text}${turn.blip_caption ? ` [shares a photo: ${turn.blip_caption}]` : ''}`,
    );
    const createdAt = sessionDate(String(sample.conversation[`${key}_date_time`]));
    sessions.push({ sample: sampleIndex, number: Number(number), text: lines.join('\n'), createdAt, turns });
  }
});
const totalTurns = sessions.reduce((sum, session) => sum + session.turns.length, 0);

function parse(session: Session): ParsedDocument {
  return parseDocument({
    text: session.text,
    documentType: 'ai-chat-conversation',
    createdAt: session.createdAt,
  });
}

let best = Number.POSITIVE_INFINITY;
let results: ExtractedMemory[][] = [];
let failures = 0;
for (let round = 0; round < rounds; round += 1) {
  const started = performance.now();
  results = sessions.map((session) =>
    extractMemories(parse(session), { mode, onSegmentError: () => (failures += 1) }),
  );
  best = Math.min(best, performance.now() - started);
}

const byType = new Map<string, number>();
const cited = new Set<string>();
results.forEach((memories, index) => {
  const session = sessions[index];
  for (const memory of memories) {
    byType.set(memory.type, (byType.get(memory.type) ?? 0) + 1);
    // Parsed segments follow the turns one to one for LoCoMo's one-line turns.
    for (const segment of memory.segmentIndexes)
      cited.add(`${session?.sample}:${session?.turns[segment]?.dia_id}`);
  }
});
let evidence = 0;
let evidenceCited = 0;
samples.forEach((sample, sampleIndex) => {
  for (const question of sample.qa) {
    if (question.category === 5) continue;
    for (const id of question.evidence.flatMap((raw) => raw.split(/;\s*/))) {
      if (
        !sessions.some(
          (session) => session.sample === sampleIndex && session.turns.some((turn) => turn.dia_id === id),
        )
      ) {
        continue;
      }
      evidence += 1;
      if (cited.has(`${sampleIndex}:${id}`)) evidenceCited += 1;
    }
  }
});

const memoryCount = results.reduce((sum, memories) => sum + memories.length, 0);
const seconds = best / 1000;
const percent = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(1)}%`;
console.log(
  `dataset: ${sessions.length} sessions, ${totalTurns} turns; mode ${mode}; best of ${rounds} rounds`,
);
console.log(
  `parse+extract: ${best.toFixed(0)} ms = ${(totalTurns / seconds).toFixed(0)} turns/s, ${(sessions.length / seconds).toFixed(1)} sessions/s, ${((best * 1000) / totalTurns).toFixed(1)} µs/turn`,
);
console.log(
  `memories: ${memoryCount} (${(memoryCount / sessions.length).toFixed(1)} per session, ${(memoryCount / totalTurns).toFixed(2)} per turn)`,
);
console.log(`by type: ${[...byType.entries()].map(([type, count]) => `${type} ${count}`).join(', ')}`);
console.log(`turns cited by a memory: ${cited.size}/${totalTurns} (${percent(cited.size, totalTurns)})`);
console.log(
  `evidence turns (cat. 1-4) cited by a memory: ${evidenceCited}/${evidence} (${percent(evidenceCited, evidence)})`,
);
console.log(`segments the rules failed on: ${failures / rounds}`);

if (examples !== '') {
  const [sample, number] = examples.split(':').map(Number);
  const index = sessions.findIndex((session) => session.sample === sample && session.number === number);
  const session = sessions[index];
  if (session === undefined) throw new Error(`no session ${examples}`);
  const document = parse(session);
  for (const segment of document.segments) {
    console.log(`\n> ${segment.sourceLine}`);
    for (const memory of results[index]?.filter(
      (candidate) => candidate.segmentIndexes[0] === segment.index,
    ) ?? []) {
      const fields = {
        category: memory.category,
        strength: memory.strength,
        emotionType: memory.emotionType,
        intensity: memory.intensity,
        emotionContext: memory.emotionContext,
        attribute: memory.attribute,
        value: memory.value,
        eventDate: memory.eventDate?.slice(0, 10),
        validUntil: memory.validUntil?.slice(0, 10),
        significance: memory.significance,
      };
      const shown = Object.entries(fields).filter(([, value]) => value !== undefined);
      console.log(`  ${memory.type} (${memory.confidence}): ${memory.content}`);
      if (shown.length > 0) console.log(`    ${shown.map(([key, value]) => `${key}=${value}`).join(' ')}`);
      if (memory.relations.length > 0) {
        console.log(
          `    ${memory.relations.map((edge) => `${edge.subject} -${edge.relation}-> ${edge.object}`).join('; ')}`,
        );
      }
    }
  }
}
