import type { DocumentSegment, ExtractedMemory, ParsedDocument } from '../domain/memory.js';
import { isFiller } from '../extraction/rule-based/discourse.js';
import { stripAttachmentPlaceholders } from '../text/attachment-placeholders.js';

/**
 * Confidence of a raw-turn memory: low, so that a memory the extractor made of
 * the same words ranks above it, yet it is found when nothing else is.
 */
export const RAW_TURN_CONFIDENCE = 0.2;

// A turn worth finding says something a question could ask about: a word that is
// not filler ("when are they?", "ok lol" and emoji alone do not), or a number
// ("4:21:09" answers "how long did it take").
function isWorthFinding(text: string, participants: readonly string[]): boolean {
  const written = stripAttachmentPlaceholders(text);
  if (written === '') return false;
  return /\p{N}/u.test(written) || !isFiller(written, participants);
}

function rawTurnMemory(segment: DocumentSegment, speaker: string): ExtractedMemory {
  return {
    type: 'fact',
    content: `${speaker}: ${stripAttachmentPlaceholders(segment.text).replace(/\s*\n\s*/g, ' ')}`,
    confidence: RAW_TURN_CONFIDENCE,
    subject: speaker,
    attribute: undefined,
    value: undefined,
    eventDate: undefined,
    validUntil: undefined,
    temporalCategory: 'episode',
    temporalConfidence: 0.3,
    entities: [],
    relations: [],
    sourceEvidence: [segment.sourceLine],
    segmentIndexes: [segment.index],
  };
}

/**
 * The safety net under extraction: every speaker turn that no extracted memory
 * cites becomes a memory of its own words ("maya: did the dentist call you
 * back?"), citing exactly that turn. Why: the extractor drops questions,
 * reactions and odd text by design, and an LLM extractor may drop anything;
 * raw-turn BM25 finds such turns, so Engram must never be unable to. Turns
 * that are filler with no number ("ok", "lol", "when are they?", an emoji) or
 * only an attachment placeholder ("<Media omitted>") stay dropped. Returns the
 * extracted memories followed by the raw ones, in document order. Pure.
 */
export function withRawTurns(document: ParsedDocument, extracted: ExtractedMemory[]): ExtractedMemory[] {
  const cited = new Set(extracted.flatMap((memory) => memory.sourceEvidence));
  const raw: ExtractedMemory[] = [];
  for (const segment of document.segments) {
    if (segment.speaker === undefined || cited.has(segment.sourceLine)) continue;
    if (!isWorthFinding(segment.text, document.participants)) continue;
    cited.add(segment.sourceLine);
    raw.push(rawTurnMemory(segment, segment.speaker));
  }
  return raw.length === 0 ? extracted : [...extracted, ...raw];
}
