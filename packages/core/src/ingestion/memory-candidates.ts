import type { ExtractedMemory } from '../domain/memory.js';
import type { MemoryOwner, StoredMemory } from '../domain/stored-memory.js';
import { newUuidV7 } from '../ids/identifiers.js';
import { MONTH_NAMES } from '../text/month-names.js';
import { dedupKeyOf } from '../text/text-normalization.js';
import { EvidenceContext } from './evidence-context.js';
import type { IngestDocumentPayload } from './ingestion-job-payload.js';

/** An extracted memory on its way to storage, with its id and index texts. */
export interface MemoryCandidate {
  memory: StoredMemory;
  extracted: ExtractedMemory;
  /** Text embedded for the vector index. */
  embeddingText: string;
  /** Text for the full-text index: content, verbatim evidence and readable dates. */
  searchText: string;
  /** The evidence's neighbouring lines, for the full-text index's lower-weighted context field. */
  contextText: string;
}

/** "7 May 2023" for an ISO date, so "when"/"May" questions match dated memories lexically. */
export function readableDate(iso: string | undefined): string {
  if (iso === undefined) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getUTCDate()} ${MONTH_NAMES[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

const clamp = (value: number) => Math.min(1, Math.max(0, Number.isFinite(value) ? value : 0));

/** Turns extractor output into stored-memory candidates with fresh ids. */
export function toCandidates(
  extracted: readonly ExtractedMemory[],
  payload: IngestDocumentPayload,
  ingestionId: string,
  extractorName: string,
  now: string,
): MemoryCandidate[] {
  const owner: MemoryOwner = {
    instanceId: payload.owner.instanceId,
    scope: payload.owner.scope,
    customerId: payload.owner.customerId,
    userId: payload.owner.userId,
    conversationId: payload.owner.conversationId,
    scopeKey: payload.owner.scopeKey,
  };
  const context = new EvidenceContext(payload.text);
  return extracted
    .filter((memory) => memory.content.trim() !== '')
    .map((memory) => {
      const stored: StoredMemory = {
        memoryId: newUuidV7(),
        owner,
        type: memory.type,
        content: memory.content.trim(),
        confidence: clamp(memory.confidence),
        subject: memory.subject,
        attribute: memory.attribute,
        value: memory.value,
        eventDate: memory.eventDate,
        validUntil: memory.validUntil,
        temporalCategory: memory.temporalCategory,
        temporalConfidence: clamp(memory.temporalConfidence),
        details: {
          category: memory.category,
          strength: memory.strength === undefined ? undefined : clamp(memory.strength),
          emotionType: memory.emotionType,
          intensity: memory.intensity === undefined ? undefined : clamp(memory.intensity),
          emotionContext: memory.emotionContext,
          summary: memory.summary,
          occurredAt: memory.occurredAt,
          significance: memory.significance === undefined ? undefined : clamp(memory.significance),
          participants: memory.participants,
        },
        sourceDocumentId: payload.documentId,
        sourceIngestionId: ingestionId,
        sourceDocumentType: payload.documentType,
        sourceDocumentCreatedAt: payload.documentCreatedAt,
        sourceEvidence: [...new Set(memory.sourceEvidence)],
        mentionCount: 1,
        dedupKey: dedupKeyOf(memory.content),
        supersededBy: undefined,
        extractor: extractorName,
        metadata: payload.metadata,
        extractedAt: now,
        createdAt: now,
        updatedAt: now,
      };
      const dates = [readableDate(memory.eventDate), readableDate(payload.documentCreatedAt)];
      const names = memory.entities.map((entity) => entity.name);
      return {
        memory: stored,
        extracted: memory,
        embeddingText: stored.content,
        searchText: [stored.content, ...stored.sourceEvidence, ...names, ...dates].join('\n'),
        contextText: context.around(stored.sourceEvidence).join('\n'),
      };
    });
}
