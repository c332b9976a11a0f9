import type { DocumentSegment, ExtractedMemory, MemoryType, TemporalCategory } from '../../domain/memory.js';

/** The fields every memory of one segment shares. */
export interface MemoryOrigin {
  segment: DocumentSegment;
}

/** Fields a stage decides; the rest default. */
export type MemoryDraft = Pick<ExtractedMemory, 'type' | 'content' | 'confidence'> &
  Partial<Omit<ExtractedMemory, 'type' | 'content' | 'confidence' | 'sourceEvidence' | 'segmentIndexes'>>;

const DEFAULT_CATEGORY: Record<MemoryType, TemporalCategory> = {
  fact: 'temporal_fact',
  preference: 'temporal_fact',
  episode: 'episode',
  emotion: 'episode',
  temporal_event: 'temporal_fact',
};

/**
 * A complete {@link ExtractedMemory} citing its segment: `sourceEvidence` is the
 * segment's verbatim source line and `segmentIndexes` its index; optional fields
 * left out of the draft stay absent, required ones default (no subject, no dates,
 * a temporal category by type, temporal confidence 0, no entities or relations).
 */
export function buildMemory(origin: MemoryOrigin, draft: MemoryDraft): ExtractedMemory {
  const memory: ExtractedMemory = {
    subject: undefined,
    attribute: undefined,
    value: undefined,
    eventDate: undefined,
    validUntil: undefined,
    temporalCategory: DEFAULT_CATEGORY[draft.type],
    temporalConfidence: 0,
    entities: [],
    relations: [],
    ...draft,
    sourceEvidence: [origin.segment.sourceLine],
    segmentIndexes: [origin.segment.index],
  };
  for (const key of Object.keys(memory) as (keyof ExtractedMemory)[]) {
    if (memory[key] === undefined && !REQUIRED.has(key)) delete memory[key];
  }
  return memory;
}

const REQUIRED = new Set<keyof ExtractedMemory>(['subject', 'attribute', 'value', 'eventDate', 'validUntil']);
