import type { DocumentSegment, ParsedDocument } from '../../domain/memory.js';

/** One numbered line of the prompt. */
export interface PromptLine {
  /** 1-based position of the segment in the document; the number the model cites. */
  number: number;
  segment: DocumentSegment;
  /** The rendered line: `[3] (timestamp) Speaker: text`. */
  text: string;
}

/** Lines sent in one request. */
export interface SegmentChunk {
  lines: PromptLine[];
  /** Characters of the rendered lines, newlines included. */
  characters: number;
}

// Below this, a split piece of a huge segment would be mostly line prefix.
const MIN_PIECE_CHARACTERS = 200;

/**
 * Renders a document's segments as numbered lines and packs them, in order,
 * into chunks of at most `maxCharacters` rendered characters. Segments are
 * never reordered or merged across a line; a single segment longer than the
 * budget is split at whitespace into pieces that keep its line number, so
 * every chunk stays within budget (a budget too small for a line prefix plus
 * 200 characters is exceeded by one piece). Blank segments are skipped. Returns no chunks for an empty document.
 */
export function chunkSegments(document: ParsedDocument, maxCharacters: number): SegmentChunk[] {
  const chunks: SegmentChunk[] = [];
  let current: SegmentChunk = { lines: [], characters: 0 };
  document.segments.forEach((segment, position) => {
    const text = segment.text.replace(/\s+/g, ' ').trim();
    if (text === '') return;
    const prefix = linePrefix(position + 1, segment, document.createdAt);
    const pieceBudget = Math.max(MIN_PIECE_CHARACTERS, maxCharacters - prefix.length - 1);
    for (const piece of splitText(text, pieceBudget)) {
      const line = { number: position + 1, segment, text: prefix + piece };
      const size = line.text.length + 1;
      if (current.lines.length > 0 && current.characters + size > maxCharacters) {
        chunks.push(current);
        current = { lines: [], characters: 0 };
      }
      current.lines.push(line);
      current.characters += size;
    }
  });
  if (current.lines.length > 0) chunks.push(current);
  return chunks;
}

function linePrefix(number: number, segment: DocumentSegment, documentDate: string): string {
  // The line's own time matters for resolving "yesterday"; repeating the document date adds nothing.
  const time =
    segment.timestamp !== undefined && segment.timestamp !== documentDate ? `(${segment.timestamp}) ` : '';
  const speaker = segment.speaker !== undefined && segment.speaker !== '' ? `${segment.speaker}: ` : '';
  return `[${number}] ${time}${speaker}`;
}

/** Splits at the last space before each budget boundary (or hard, when a word is longer). */
function splitText(text: string, budget: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > budget) {
    const space = rest.lastIndexOf(' ', budget);
    const cut = space > 0 ? space : budget;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut).trimStart();
  }
  pieces.push(rest);
  return pieces;
}
