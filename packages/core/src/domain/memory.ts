import type { ContextScope, DocumentType, IngestMode } from '@engram/protocol';

/** The five typed memories. */
export type MemoryType = 'fact' | 'preference' | 'episode' | 'emotion' | 'temporal_event';
/** Where a memory lives on the scope chain (narrowest: conversation): the wire's four scopes. */
export type MemoryScope = ContextScope;
/** Synap `document_type` values (the wire enum). pdf/image/audio arrive as text (OCR, transcript). */
/** Ingestion depth (the wire enum): `fast` skips entity resolution and graph work. */
export type { DocumentType, IngestMode };
/** How long a memory's truth lasts. */
export type TemporalCategory = 'perpetual' | 'temporal_fact' | 'episode';
/** Entity kinds the extractors emit. */
export type EntityType = 'person' | 'place' | 'organization' | 'event' | 'date' | 'thing';

/** One unit of a parsed document: a turn, a paragraph, an email body line, ... */
export interface DocumentSegment {
  /** Position in the document, from 0. */
  index: number;
  /** Who said or wrote it, when known. */
  speaker: string | undefined;
  /** The text without the speaker label. */
  text: string;
  /** The verbatim source line(s) this segment came from, as stored in `source_evidence`. */
  sourceLine: string;
  /** When this segment happened, if the document says (else the document time). */
  timestamp: string | undefined;
}

/** A document split into segments by its `document_type`. */
export interface ParsedDocument {
  documentType: DocumentType;
  /** ISO-8601; relative dates resolve against it. */
  createdAt: string;
  segments: DocumentSegment[];
  /** Named speakers/senders/attendees, in order of first appearance. */
  participants: string[];
  /** Type-specific structure: email headers, meeting decisions, ... */
  attributes: Record<string, unknown>;
}

/** An entity mention found by an extractor. */
export interface ExtractedEntity {
  /** The surface form as written ("Mel"). */
  name: string;
  type: EntityType;
}

/** A subject–relation–object edge for the graph ("Caroline" –attends→ "support group"). */
export interface ExtractedRelation {
  subject: string;
  relation: string;
  object: string;
}

/**
 * A memory as an extractor proposes it, before entity resolution, dedup and
 * embedding. `content` stands alone: pronouns of the speaker are rewritten to
 * the speaker's name and relative dates are resolved.
 */
export interface ExtractedMemory {
  type: MemoryType;
  content: string;
  /** Calibrated 0..1. */
  confidence: number;
  /** Verbatim source lines (e.g. "Caroline: I went to a support group yesterday."). */
  sourceEvidence: string[];
  /** Indexes of the segments the memory came from. */
  segmentIndexes: number[];
  /** Who the memory is about, for supersession ("Caroline"). */
  subject: string | undefined;
  /** Normalised attribute for contradiction checks ("lives_in", "job"), when known. */
  attribute: string | undefined;
  /** The attribute's value ("Boston"), when known. */
  value: string | undefined;
  eventDate: string | undefined;
  validUntil: string | undefined;
  temporalCategory: TemporalCategory;
  temporalConfidence: number;
  entities: ExtractedEntity[];
  relations: ExtractedRelation[];
  /** Preference: category ("food", "travel", ...) and strength 0..1. */
  category?: string;
  strength?: number;
  /** Emotion: type, intensity 0..1, and what triggered it. */
  emotionType?: string;
  intensity?: number;
  emotionContext?: string;
  /** Episode: narrative, when, significance 0..1, participant names. */
  summary?: string;
  occurredAt?: string;
  significance?: number;
  participants?: string[];
}
