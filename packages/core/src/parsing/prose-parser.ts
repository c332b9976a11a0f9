import type { DocumentSegment, DocumentType, ParsedDocument } from '../domain/memory.js';
import { referenceTimeOf } from '../text/reference-time.js';
import { segmentsFromTurns } from './chat-parser.js';
import { chunkProse } from './prose-chunker.js';
import { parseTurns } from './turn-parser.js';

/** A heading and the segments under it. */
export interface DocumentSection {
  title: string;
  segmentIndexes: number[];
}

/**
 * Parses text documents (`document`, `pdf`, `image` OCR, `audio` transcripts):
 * paragraphs split at blank lines and headings, long paragraphs into groups of
 * up to three sentences; each segment's `sourceLine` is its verbatim sentences.
 * Headings go to `attributes.sections`. An `audio` transcript whose lines are
 * mostly speaker-labelled is parsed as turns instead (`attributes.format =
 * 'speaker-turns'`). Never throws on odd text; blank text gives no segments.
 */
export function parseProseDocument(
  text: string,
  createdAt: string,
  documentType: DocumentType,
): ParsedDocument {
  const reference = referenceTimeOf(createdAt);
  if (documentType === 'audio') {
    const turns = parseTurns(text);
    const labelled = turns.turns.length;
    if (labelled >= 2 && labelled * 2 >= turns.lineCount) {
      const built = segmentsFromTurns(turns.turns, turns.preamble, createdAt, reference, true);
      return {
        documentType,
        createdAt,
        segments: built.segments,
        participants: built.participants,
        attributes: { format: 'speaker-turns' },
      };
    }
  }
  const segments: DocumentSegment[] = [];
  const sections: DocumentSection[] = [];
  for (const chunk of chunkProse(text)) {
    const index = segments.length;
    segments.push({
      index,
      speaker: undefined,
      text: chunk.text,
      sourceLine: chunk.sourceLine,
      timestamp: createdAt,
    });
    if (chunk.section === undefined) continue;
    const last = sections[sections.length - 1];
    if (last !== undefined && last.title === chunk.section) last.segmentIndexes.push(index);
    else sections.push({ title: chunk.section, segmentIndexes: [index] });
  }
  return { documentType, createdAt, segments, participants: [], attributes: { format: 'prose', sections } };
}
