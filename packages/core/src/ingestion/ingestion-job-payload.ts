import { documentTypeSchema, ingestModeSchema } from '@engram/protocol';
import { z } from 'zod';

const ownerSchema = z.object({
  instanceId: z.string(),
  scope: z.enum(['client', 'customer', 'user', 'conversation']),
  customerId: z.string().optional(),
  userId: z.string().optional(),
  conversationId: z.string().optional(),
  scopeKey: z.string(),
});

/**
 * What an `ingest-document` job carries. Validated when a worker picks the
 * job up, so a payload written by an older version fails loudly, not oddly.
 */
export const ingestDocumentPayloadSchema = z.object({
  documentId: z.string(),
  text: z.string(),
  documentType: documentTypeSchema,
  documentCreatedAt: z.string(),
  mode: ingestModeSchema,
  metadata: z.record(z.string(), z.unknown()),
  owner: ownerSchema,
  /** Caller-supplied analysis (transcripts), passed to the extractor as hints. */
  hints: z.string().optional(),
});

/** Parsed payload of an `ingest-document` job. */
export type IngestDocumentPayload = z.infer<typeof ingestDocumentPayloadSchema>;

/** What a finished ingestion job records as its result. */
export interface IngestDocumentResult {
  documentId: string;
  memoriesCreated: number;
  memoryIds: string[];
  [key: string]: unknown;
}
