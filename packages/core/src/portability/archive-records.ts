import { INGEST_MODES, RELATIONSHIP_TYPES } from '@engram/protocol';
import { z } from 'zod';
import { EngramError } from '../errors/engram-error.js';
import { formatValidationIssues } from '../errors/validation-issues.js';
import { instanceConfigSchema } from '../instance-config/instance-config-schema.js';

/** Version of the JSONL archive format; an importer refuses versions it does not know. */
export const ARCHIVE_FORMAT_VERSION = 1;

const ownerSchema = z.object({
  scope: z.enum(['client', 'customer', 'user', 'conversation']),
  customerId: z.string().optional(),
  userId: z.string().optional(),
  conversationId: z.string().optional(),
});

const headerSchema = z.object({
  type: z.literal('header'),
  format: z.literal('engram-export'),
  formatVersion: z.literal(ARCHIVE_FORMAT_VERSION),
  instanceId: z.string(),
  relationship: z.enum(RELATIONSHIP_TYPES),
  userId: z.string().nullable(),
  exportedAt: z.string(),
});

const configSchema = z.object({
  type: z.literal('config'),
  version: z.number().int().min(0),
  document: instanceConfigSchema,
});

const documentSchema = z.object({
  type: z.literal('document'),
  documentId: z.string(),
  owner: ownerSchema,
  documentType: z.string(),
  mode: z.enum(INGEST_MODES),
  content: z.string(),
  contentHash: z.string(),
  documentCreatedAt: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const entitySchema = z.object({
  type: z.literal('entity'),
  entityId: z.string(),
  owner: ownerSchema,
  canonicalName: z.string(),
  entityType: z.enum(['person', 'place', 'organization', 'event', 'date', 'thing']),
  aliases: z.array(z.string()),
  mentionCount: z.number().int().min(0),
});

const memorySchema = z.object({
  type: z.literal('memory'),
  memoryId: z.string(),
  owner: ownerSchema,
  memoryType: z.enum(['fact', 'preference', 'episode', 'emotion', 'temporal_event']),
  content: z.string(),
  confidence: z.number().min(0).max(1),
  subject: z.string().optional(),
  attribute: z.string().optional(),
  value: z.string().optional(),
  eventDate: z.string().optional(),
  validUntil: z.string().optional(),
  temporalCategory: z.enum(['perpetual', 'temporal_fact', 'episode']),
  temporalConfidence: z.number().min(0).max(1),
  details: z.record(z.string(), z.unknown()),
  sourceDocumentId: z.string(),
  sourceIngestionId: z.string(),
  sourceDocumentType: z.string(),
  sourceDocumentCreatedAt: z.string(),
  sourceEvidence: z.array(z.string()),
  mentionCount: z.number().int().min(0),
  supersededBy: z.string().optional(),
  dedupKey: z.string().optional(),
  extractor: z.string(),
  /** The source instance's configuration version that produced it; absent on older memories. */
  configVersion: z.number().int().min(0).optional(),
  metadata: z.record(z.string(), z.unknown()),
  extractedAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Float32 little-endian, base64. */
  embedding: z.base64(),
  entityIds: z.array(z.string()),
  /** The full-text statistics (see IndexedTerms); absent for memories indexed before they were kept. */
  terms: z
    .object({
      tokens: z.number().int().min(0),
      body: z.string().regex(/^[ \p{L}\p{N}*]*$/u),
      context: z.string().regex(/^[ \p{L}\p{N}*]*$/u),
    })
    .optional(),
});

const edgeSchema = z.object({
  type: z.literal('edge'),
  edgeId: z.string(),
  owner: ownerSchema,
  subjectEntityId: z.string(),
  relation: z.string(),
  objectEntityId: z.string(),
  memoryId: z.string(),
});

const conversationSchema = z.object({
  type: z.literal('conversation'),
  conversationId: z.string(),
  userId: z.string().nullable(),
  customerId: z.string().nullable(),
  sessionId: z.string(),
  createdAt: z.string(),
  lastMessageAt: z.string(),
  messageCount: z.number().int().min(0),
  /** The last turn background extraction handed to ingestion (absent: none), so imported turns are not extracted again. */
  extractedThrough: z.number().int().min(0).optional(),
});

const messageSchema = z.object({
  type: z.literal('message'),
  messageId: z.string(),
  conversationId: z.string(),
  sequence: z.number().int(),
  role: z.string(),
  content: z.string(),
  userId: z.string().nullable(),
  customerId: z.string().nullable(),
  sessionId: z.string(),
  metadata: z.string(),
  recordedAt: z.string(),
});

const endSchema = z.object({ type: z.literal('end'), counts: z.record(z.string(), z.number().int()) });

/** One line of an export archive. */
export const archiveRecordSchema = z.discriminatedUnion('type', [
  headerSchema,
  configSchema,
  documentSchema,
  entitySchema,
  memorySchema,
  edgeSchema,
  conversationSchema,
  messageSchema,
  endSchema,
]);

/** A parsed archive line. */
export type ArchiveRecord = z.output<typeof archiveRecordSchema>;
/** A record of one kind. */
export type ArchiveRecordOf<Type extends ArchiveRecord['type']> = Extract<ArchiveRecord, { type: Type }>;
/** Where an archive's owners live, without the instance (the importer supplies its own). */
export type ArchiveOwner = z.output<typeof ownerSchema>;

/**
 * Parses one JSONL line. A line that is not JSON, or not a record this
 * format defines, is a 422 naming its line number (and the field), so an
 * operator can find it in a file of millions of lines.
 */
export function parseArchiveLine(line: string, lineNumber: number): ArchiveRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new EngramError('INVALID_INPUT', `line ${lineNumber}: not valid JSON`, {
      details: { line: lineNumber },
    });
  }
  const parsed = archiveRecordSchema.safeParse(value);
  if (!parsed.success) {
    throw new EngramError('INVALID_INPUT', `line ${lineNumber}: ${formatValidationIssues(parsed.error)}`, {
      details: { line: lineNumber },
    });
  }
  return parsed.data;
}

/**
 * Checks an archive's shape as a whole: a header first, one end record
 * last whose counts match (so a truncated file is refused), nothing after it.
 */
export function checkArchive(records: readonly ArchiveRecord[]): void {
  const first = records[0];
  if (first?.type !== 'header') {
    throw new EngramError('INVALID_INPUT', 'line 1: an archive starts with its header record', {
      details: { line: 1 },
    });
  }
  const last = records.at(-1);
  if (last?.type !== 'end') {
    throw new EngramError(
      'INVALID_INPUT',
      `line ${records.length}: the archive is truncated (no end record)`,
      {
        details: { line: records.length },
      },
    );
  }
  const counts: Record<string, number> = {};
  records.forEach((record, index) => {
    if (index > 0 && record.type === 'header') {
      throw new EngramError('INVALID_INPUT', `line ${index + 1}: a second header`, {
        details: { line: index + 1 },
      });
    }
    if (record.type === 'end' && index !== records.length - 1) {
      throw new EngramError('INVALID_INPUT', `line ${index + 1}: records after the end record`, {
        details: { line: index + 1 },
      });
    }
    if (record.type !== 'header' && record.type !== 'end')
      counts[record.type] = (counts[record.type] ?? 0) + 1;
  });
  for (const type of new Set([...Object.keys(counts), ...Object.keys(last.counts)])) {
    const declared = last.counts[type] ?? 0;
    const held = counts[type] ?? 0;
    if (declared !== held) {
      throw new EngramError(
        'INVALID_INPUT',
        `line ${records.length}: the end record counts ${declared} ${type} records, the file holds ${held}`,
        { details: { line: records.length } },
      );
    }
  }
}
