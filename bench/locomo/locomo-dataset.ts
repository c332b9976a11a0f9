import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type ExportFormat, renderExport, turnTimes } from './export-render.js';
import { type RawQuestion, type RawSample, rawDatasetSchema, rawTurnSchema } from './locomo-schema.js';
import { parseSessionDate } from './session-date.js';

/** Where the shared checkout keeps the file: `../shared/datasets/` next to the repository. */
export const DEFAULT_LOCOMO_PATH = fileURLToPath(
  new URL('../../../shared/datasets/locomo/locomo10.json', import.meta.url),
);

/** LoCoMo question categories: 1 multi-hop, 2 temporal, 3 open-domain, 4 single-hop, 5 adversarial. */
export type LocomoCategory = 1 | 2 | 3 | 4 | 5;

/** Human names of the categories, for tables. */
export const CATEGORY_NAMES: Readonly<Record<LocomoCategory, string>> = {
  1: 'multi-hop',
  2: 'temporal',
  3: 'open-domain',
  4: 'single-hop',
  5: 'adversarial',
};

/** One dialogue turn, with the exact line the ingestion document carries for it. */
export interface LocomoTurn {
  /** `D<session>:<turn>`, unique within a sample. */
  readonly diaId: string;
  readonly sessionNumber: number;
  readonly speaker: string;
  readonly text: string;
  /** The image caption, when the turn shares a photo. */
  readonly caption: string | undefined;
  /** `"<speaker>: <text>"` plus the photo suffix; see {@link turnLine}. */
  readonly line: string;
  /**
   * The line the ingestion document carries for the turn when it is not
   * {@link line}: in a header-style export the message line alone (the sender
   * is on the header above it).
   */
  readonly documentLine?: string;
}

/** One session: turns in spoken order and the session's start time. */
export interface LocomoSession {
  readonly number: number;
  /** The dataset's own wording, e.g. `"1:56 pm on 8 May, 2023"`. */
  readonly dateText: string;
  /** {@link dateText} as ISO 8601 (UTC). */
  readonly date: string;
  readonly turns: readonly LocomoTurn[];
  /** The ingestion document when it is not one {@link LocomoTurn.line} per turn (an export layout). */
  readonly documentText?: string;
}

/** One question with its cleaned evidence. */
export interface LocomoQuestion {
  /** Position in the sample's `qa` list, stable across runs. */
  readonly index: number;
  readonly question: string;
  /** The gold answer as text (`answer`, else `adversarial_answer`; numbers stringified; `''` if none). */
  readonly answer: string;
  readonly category: LocomoCategory;
  /** Evidence turn ids that exist in the sample, de-duplicated, in the order given. */
  readonly evidence: readonly string[];
}

/** One normalised conversation with its questions. */
export interface LocomoSample {
  readonly sampleId: string;
  readonly speakerA: string;
  readonly speakerB: string;
  /** Sessions in chronological order (ties keep session-number order). */
  readonly sessions: readonly LocomoSession[];
  /** Every turn of every session, chronological. */
  readonly turns: readonly LocomoTurn[];
  readonly questions: readonly LocomoQuestion[];
  /** Own fixtures: the chat app whose export layout the sessions are rendered in. */
  readonly exportFormat?: ExportFormat;
}

/** One `memories/create` document built from a session, per the scoring protocol. */
export interface IngestionDocument {
  /** `<sample_id>-s<N>`. */
  readonly documentId: string;
  readonly sessionNumber: number;
  /** ISO 8601 session start, sent as `document_created_at`. */
  readonly createdAt: string;
  /** One {@link LocomoTurn.line} per turn, joined by `\n`. */
  readonly text: string;
}

/**
 * The line a turn contributes to its session document:
 * `"<speaker>: <text>"`, plus `" [shares a photo: <caption>]"` when the turn has
 * a non-empty caption. Line breaks inside the text become spaces so that a turn
 * stays one line (turn mapping collapses whitespace anyway).
 */
export function turnLine(speaker: string, text: string, caption?: string): string {
  const flat = (value: string) => value.replace(/\s*[\r\n]+\s*/g, ' ');
  const suffix = caption ? ` [shares a photo: ${flat(caption)}]` : '';
  return `${speaker}: ${flat(text)}${suffix}`;
}

/**
 * Cleans raw evidence ids: splits entries on `;` (and on whitespace and commas,
 * which the file also uses once or twice to pack several ids into one entry),
 * drops ids that name no turn (`"D:11:26"`, `"D30:05"`, `"D"`) and repeats.
 */
export function cleanEvidence(raw: readonly string[], turnIds: ReadonlySet<string>): string[] {
  const cleaned: string[] = [];
  for (const entry of raw) {
    for (const id of entry.split(/[;,\s]+/)) {
      if (turnIds.has(id) && !cleaned.includes(id)) cleaned.push(id);
    }
  }
  return cleaned;
}

function answerText(question: RawQuestion): string {
  const value = question.answer ?? question.adversarial_answer;
  return value === null || value === undefined ? '' : String(value);
}

/** The session rendered in an export layout: its document text, and each turn's own line in it. */
function asExport(
  session: LocomoSession,
  format: ExportFormat,
  times: readonly (string | undefined)[],
): LocomoSession {
  const at = turnTimes(session.date, times);
  const rendered = renderExport(
    format,
    session.turns.map((turn, index) => ({
      speaker: turn.speaker,
      text: turn.text,
      time: at[index] as string,
    })),
  );
  return {
    ...session,
    documentText: rendered.text,
    turns: session.turns.map((turn, index) => ({ ...turn, documentLine: rendered.lines[index] })),
  };
}

function normaliseSessions(sample: RawSample): LocomoSession[] {
  const sessions: LocomoSession[] = [];
  for (const [key, value] of Object.entries(sample.conversation)) {
    const match = /^session_(\d+)$/.exec(key);
    if (!match) continue;
    const number = Number(match[1]);
    const where = `${sample.sample_id} ${key}`;
    const dateText = sample.conversation[`${key}_date_time`];
    if (typeof dateText !== 'string') throw new Error(`${where}: missing ${key}_date_time`);
    if (!Array.isArray(value)) throw new Error(`${where}: expected a list of turns`);
    const times: (string | undefined)[] = [];
    const turns = value.map((rawTurn, position) => {
      const parsed = rawTurnSchema.safeParse(rawTurn);
      if (!parsed.success) throw new Error(`${where} turn ${position}: ${parsed.error.message}`);
      const { speaker, dia_id, text } = parsed.data;
      times.push(parsed.data.time);
      const caption = parsed.data.blip_caption?.trim() || undefined;
      return {
        diaId: dia_id,
        sessionNumber: number,
        speaker,
        text,
        caption,
        line: turnLine(speaker, text, caption),
      };
    });
    const session = { number, dateText, date: parseSessionDate(dateText), turns };
    sessions.push(
      sample.export_format === undefined ? session : asExport(session, sample.export_format, times),
    );
  }
  return sessions.sort((left, right) => left.date.localeCompare(right.date) || left.number - right.number);
}

/** Normalises one validated raw sample. @throws Error naming the sample and session on bad data. */
export function normaliseSample(sample: RawSample): LocomoSample {
  const sessions = normaliseSessions(sample);
  const turns = sessions.flatMap((session) => session.turns);
  const turnIds = new Set<string>();
  for (const turn of turns) {
    if (turnIds.has(turn.diaId)) throw new Error(`${sample.sample_id}: duplicate dia_id ${turn.diaId}`);
    turnIds.add(turn.diaId);
  }
  const questions = sample.qa.map((question, index) => ({
    index,
    question: question.question,
    answer: answerText(question),
    category: question.category as LocomoCategory,
    evidence: cleanEvidence(question.evidence, turnIds),
  }));
  return {
    sampleId: sample.sample_id,
    speakerA: sample.conversation.speaker_a,
    speakerB: sample.conversation.speaker_b,
    sessions,
    turns,
    questions,
    ...(sample.export_format === undefined ? {} : { exportFormat: sample.export_format }),
  };
}

/** Validates parsed JSON in the LoCoMo format and normalises every sample. */
export function parseLocomo(json: unknown): LocomoSample[] {
  const parsed = rawDatasetSchema.safeParse(json);
  if (!parsed.success) throw new Error(`not a LoCoMo file: ${parsed.error.message}`);
  return parsed.data.map(normaliseSample);
}

/** Reads and normalises a LoCoMo file (the dataset is read at run time, never copied). */
export async function loadLocomo(path: string): Promise<LocomoSample[]> {
  const text = await readFile(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not JSON`, { cause: error });
  }
  return parseLocomo(json);
}

/**
 * One ingestion document per session, in chronological order, as the scoring
 * protocol prescribes (an own fixture's export layout, when it names one). A session
 * without turns has nothing to remember and is skipped.
 */
export function buildIngestionDocuments(sample: LocomoSample): IngestionDocument[] {
  return sample.sessions
    .filter((session) => session.turns.length > 0)
    .map((session) => ({
      documentId: `${sample.sampleId}-s${session.number}`,
      sessionNumber: session.number,
      createdAt: session.date,
      text: session.documentText ?? session.turns.map((turn) => turn.line).join('\n'),
    }));
}
