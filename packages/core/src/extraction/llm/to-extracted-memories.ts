import type {
  DocumentSegment,
  ExtractedEntity,
  ExtractedMemory,
  ExtractedRelation,
  ParsedDocument,
  TemporalCategory,
} from '../../domain/memory.js';
import type { SegmentChunk } from './chunk-segments.js';
import type { LlmMemory } from './extraction-schema.js';
import { resolveDate } from './resolve-date.js';

// A model that omits a score has still chosen to state the memory; treat it as moderately sure.
const DEFAULT_SCORE = 0.5;

/**
 * Maps the memories the model proposed for one chunk to `ExtractedMemory`s.
 * Citations of line numbers outside the chunk are dropped, and so is a
 * memory left citing nothing or with blank content; `sourceEvidence` is the
 * verbatim `sourceLine` of each cited segment, in document order. Scores are
 * clamped into 0..1, dates resolved to ISO instants against the first cited
 * line's time, and a `temporal_event` without a readable date becomes a
 * `fact` (its type requires one). Order follows the model's. Pure.
 */
export function toExtractedMemories(
  proposed: readonly (LlmMemory | null)[],
  chunk: SegmentChunk,
  document: ParsedDocument,
): ExtractedMemory[] {
  const segmentsByNumber = new Map(chunk.lines.map((line) => [line.number, line.segment]));
  const memories: ExtractedMemory[] = [];
  for (const memory of proposed) {
    if (memory === null) continue;
    const content = memory.content.trim();
    const numbers = [...new Set(memory.lines)].filter((number) => segmentsByNumber.has(number));
    if (content === '' || numbers.length === 0) continue;
    numbers.sort((left, right) => left - right);
    const segments = numbers.map((number) => segmentsByNumber.get(number) as DocumentSegment);
    memories.push(toExtractedMemory(memory, content, segments, document));
  }
  return memories;
}

function toExtractedMemory(
  memory: LlmMemory,
  content: string,
  segments: DocumentSegment[],
  document: ParsedDocument,
): ExtractedMemory {
  const reference = segments[0]?.timestamp ?? document.createdAt;
  const eventDate = resolveDate(memory.event_date, reference);
  const validUntil = resolveDate(memory.valid_until, reference);
  const type = memory.type === 'temporal_event' && eventDate === undefined ? 'fact' : memory.type;
  const confidence = clampScore(memory.confidence);
  const entities = uniqueEntities(memory.entities);
  const extracted: ExtractedMemory = {
    type,
    content,
    confidence,
    sourceEvidence: [...new Set(segments.map((segment) => segment.sourceLine))],
    segmentIndexes: segments.map((segment) => segment.index),
    subject: optionalText(memory.subject),
    attribute: optionalText(memory.attribute),
    value: optionalText(memory.value),
    eventDate,
    validUntil,
    temporalCategory: memory.temporal_category ?? defaultTemporalCategory(type, validUntil),
    // The model gives no separate temporal score; a date it stated is as sure as the memory.
    temporalConfidence: eventDate !== undefined || validUntil !== undefined ? confidence : 0,
    entities,
    relations: validRelations(memory.relations),
  };
  if (type === 'preference') {
    extracted.category = optionalText(memory.category) ?? 'general';
    extracted.strength = clampScore(memory.strength ?? memory.confidence);
  } else if (type === 'emotion') {
    extracted.emotionType = optionalText(memory.emotion_type) ?? 'unspecified';
    extracted.intensity = clampScore(memory.intensity ?? memory.confidence);
    extracted.emotionContext = optionalText(memory.emotion_context) ?? content;
  } else if (type === 'episode') {
    extracted.summary = content;
    extracted.occurredAt = eventDate ?? resolveDate(reference, document.createdAt);
    extracted.significance = clampScore(memory.significance ?? memory.confidence);
    extracted.participants = participantsOf(memory, entities, segments);
  }
  return extracted;
}

/** Clamps into 0..1; a missing or non-finite score becomes the default. */
function clampScore(score: number | null | undefined): number {
  if (score === null || score === undefined || !Number.isFinite(score)) return DEFAULT_SCORE;
  return Math.min(1, Math.max(0, score));
}

function optionalText(text: string | null | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function defaultTemporalCategory(
  type: ExtractedMemory['type'],
  validUntil: string | undefined,
): TemporalCategory {
  if (type === 'episode' || type === 'emotion') return 'episode';
  if (type === 'temporal_event' || validUntil !== undefined) return 'temporal_fact';
  return 'perpetual';
}

function uniqueEntities(entities: readonly (ExtractedEntity | null)[]): ExtractedEntity[] {
  const seen = new Map<string, ExtractedEntity>();
  for (const entity of entities) {
    const name = optionalText(entity?.name);
    if (entity === null || name === undefined) continue;
    const key = `${entity.type}:${name.toLowerCase()}`;
    if (!seen.has(key)) seen.set(key, { name, type: entity.type });
  }
  return [...seen.values()];
}

function validRelations(relations: readonly (ExtractedRelation | null)[]): ExtractedRelation[] {
  const valid: ExtractedRelation[] = [];
  for (const relation of relations) {
    const subject = optionalText(relation?.subject);
    const name = optionalText(relation?.relation);
    const object = optionalText(relation?.object);
    if (subject !== undefined && name !== undefined && object !== undefined) {
      valid.push({ subject, relation: name, object });
    }
  }
  return valid;
}

/** The model's list, else the people among the entities, else the cited lines' speakers. */
function participantsOf(
  memory: LlmMemory,
  entities: ExtractedEntity[],
  segments: DocumentSegment[],
): string[] {
  const named = (memory.participants ?? []).map((name) => name.trim()).filter((name) => name !== '');
  if (named.length > 0) return [...new Set(named)];
  const people = entities.filter((entity) => entity.type === 'person').map((entity) => entity.name);
  if (people.length > 0) return people;
  return [
    ...new Set(segments.flatMap((segment) => (segment.speaker === undefined ? [] : [segment.speaker]))),
  ];
}
