import type { ExtractedMemory, IngestMode, ParsedDocument } from '../../domain/memory.js';
import type { ExtractionInput, MemoryExtractor } from '../../ports/memory-extractor.js';
import { type DateOrder, inferDateOrder } from '../../text/numeric-dates.js';
import { type ReferenceTime, referenceTimeOf } from '../../text/reference-time.js';
import { assembleMemories } from './memory-assembler.js';
import { analyzeSegment } from './segment-analyzer.js';

/** Options of {@link extractMemories}. */
export interface ExtractMemoriesOptions {
  /** `fast` skips entity spans and relations; `long-range` does everything. */
  mode: IngestMode;
  /** Checked between segments; an aborted signal throws its reason. */
  abortSignal?: AbortSignal;
  /** Told about a segment the rules failed on (it is skipped); for diagnostics and tests. */
  onSegmentError?: (segmentIndex: number, error: unknown) => void;
}

/** The one person "you" means: the other side of a two-person chat, or an email's single recipient. */
function addresseeFor(document: ParsedDocument, speaker: string | undefined): string | undefined {
  if (speaker === undefined) return undefined;
  if (document.documentType === 'email') {
    const recipients = document.attributes['recipients'];
    if (Array.isArray(recipients) && recipients.length === 1 && typeof recipients[0] === 'string')
      return recipients[0];
    return undefined;
  }
  if (document.participants.length !== 2) return undefined;
  return document.participants.find((name) => name !== speaker);
}

function documentDateOrder(document: ParsedDocument): DateOrder | undefined {
  const order = document.attributes['dateOrder'];
  return order === 'day-first' || order === 'month-first' ? order : undefined;
}

function segmentReference(timestamp: string | undefined, fallback: ReferenceTime): ReferenceTime {
  if (timestamp === undefined) return fallback;
  const instant = new Date(timestamp);
  return Number.isNaN(instant.getTime())
    ? fallback
    : { instant, offsetMinutes: fallback.offsetMinutes, dateOrder: fallback.dateOrder };
}

/**
 * Extracts typed memories from a parsed document, segment by segment, in order.
 * Every informative segment yields at least one memory whose `sourceEvidence` is
 * that segment's verbatim source line; greetings, filler and plain questions
 * yield none. Deterministic and offline. A segment whose text defeats the rules
 * is skipped rather than failing the document. Throws only for an invalid
 * `createdAt` (RangeError) or an aborted signal.
 */
export function extractMemories(
  document: ParsedDocument,
  options: ExtractMemoriesOptions,
): ExtractedMemory[] {
  // "04/05" is read the way the rest of the document writes its dates ("25/12" settles it).
  // An export's headers may settle it for the messages ("25/03/2024 21:12" headers, attributes.dateOrder).
  const dateOrder =
    inferDateOrder(document.segments.map((segment) => segment.text)) ?? documentDateOrder(document);
  const reference: ReferenceTime = { ...referenceTimeOf(document.createdAt), dateOrder };
  const memories: ExtractedMemory[] = [];
  for (const segment of document.segments) {
    options.abortSignal?.throwIfAborted();
    const speaker = segment.speaker;
    try {
      const analysis = analyzeSegment(segment, {
        speaker,
        addressee: addresseeFor(document, speaker),
        participants: document.participants,
        reference: segmentReference(segment.timestamp, reference),
      });
      memories.push(
        ...assembleMemories(analysis, { mode: options.mode, participants: document.participants }),
      );
    } catch (error) {
      // The rules are heuristics over arbitrary text; one odd segment must not sink the document.
      options.onSegmentError?.(segment.index, error);
    }
  }
  return memories;
}

/**
 * The default, offline {@link MemoryExtractor}: rule-based NLP (compromise sentence
 * splitting and lexicon, chrono-node dates, pattern and lexicon classifiers).
 * `hints` are ignored: rules cannot follow free-text instructions.
 */
export class RuleBasedExtractor implements MemoryExtractor {
  readonly name = 'rules';

  /** Resolves to {@link extractMemories} of the input; rejects only when aborted. */
  async extract(input: ExtractionInput): Promise<ExtractedMemory[]> {
    return extractMemories(input.document, { mode: input.mode, abortSignal: input.abortSignal });
  }
}
