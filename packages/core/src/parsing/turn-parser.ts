import { learnSpeakerLabels } from './speaker-label.js';

/** One speaker's turn, possibly spread over several lines. */
export interface Turn {
  speaker: string;
  role: string | undefined;
  clock: string | undefined;
  /** Text lines without the label, in order. */
  textLines: string[];
  /** Verbatim trimmed lines, the first starting at the label. */
  sourceLines: string[];
}

/** The result of {@link parseTurns}. */
export interface TurnParse {
  turns: Turn[];
  /** Non-empty lines before the first labelled line. */
  preamble: string[];
  /** Non-empty lines in all. */
  lineCount: number;
}

/**
 * Groups speaker-labelled lines into turns; unlabelled lines continue the
 * previous turn (multi-line messages) and lines before the first label form the
 * preamble. Labels are learned from the document ({@link learnSpeakerLabels}), so
 * lower-case handles, usernames and emoji names open turns of their own. Never
 * throws; text without labels gives no turns.
 */
export function parseTurns(text: string): TurnParse {
  const turns: Turn[] = [];
  const preamble: string[] = [];
  let lineCount = 0;
  let current: Turn | undefined;
  const lines = text.split(/\r\n|\r|\n/);
  const matchLabel = learnSpeakerLabels(lines);
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    lineCount += 1;
    const label = matchLabel(line);
    if (label !== undefined) {
      current = {
        speaker: label.speaker,
        role: label.role,
        clock: label.clock,
        textLines: label.text === '' ? [] : [label.text],
        sourceLines: [label.sourceLine],
      };
      turns.push(current);
    } else if (current !== undefined) {
      current.textLines.push(line);
      current.sourceLines.push(line);
    } else {
      preamble.push(line);
    }
  }
  return { turns, preamble, lineCount };
}
