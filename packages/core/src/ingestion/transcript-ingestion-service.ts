import { createHash } from 'node:crypto';
import { type IngestTranscriptRequest, type IngestTranscriptResponse, UUID_PATTERN } from '@engram/protocol';
import type { AuthContext } from '../domain/tenancy.js';
import { EngramError } from '../errors/engram-error.js';
import { newUuidV7 } from '../ids/identifiers.js';
import type { Clock } from '../ports/clock.js';
import type { ConversationExtractionStore } from '../ports/conversation-extraction-store.js';
import type { ConversationStore } from '../ports/conversation-store.js';
import type { JobStore } from '../ports/job-store.js';
import type { IngestDocumentPayload } from './ingestion-job-payload.js';
import type { JobQueuedListener } from './memory-ingestion-service.js';
import { transcriptTurns } from './transcript-turns.js';
import { resolveWriteOwner } from './write-scope.js';

/** Asks for a summary compaction of a conversation; returns false when none could be queued. */
export type CompactionRequester = (auth: AuthContext, conversationId: string) => Promise<boolean>;

/**
 * A caller's conversation id as a UUID: UUIDs as is (lower-cased), anything
 * else mapped deterministically per instance, so re-pushes land on the same
 * conversation.
 */
export function conversationUuidFor(instanceId: string, externalId: string): string {
  if (UUID_PATTERN.test(externalId)) return externalId.toLowerCase();
  const hex = createHash('sha256').update(`${instanceId}\u0000${externalId}`).digest('hex');
  // Version 8 (custom) and the RFC variant bits, so the result is a valid UUID.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Transcript ingest (E13): records the turns on the conversation, queues
 * extraction (poll with the ingestion status endpoint) and asks for a summary
 * compaction. Idempotent on (conversation, transcript): an identical re-push
 * answers `duplicate` with the original ingestion id; a different transcript
 * for the same conversation is a 409 `transcript_conflict`.
 */
export class TranscriptIngestionService {
  constructor(
    private readonly dependencies: {
      conversations: ConversationStore;
      jobs: JobStore;
      clock: Clock;
      onQueued?: JobQueuedListener;
      requestCompaction?: CompactionRequester;
      /** Background extraction's cursors: the transcript's turns are extracted here, so they are marked. */
      cursors?: ConversationExtractionStore;
      /** The instance's configured ingestion mode (transcripts name none); long-range without it. */
      defaultMode?: (instanceId: string) => Promise<IngestDocumentPayload['mode']>;
    },
  ) {}

  async ingest(auth: AuthContext, request: IngestTranscriptRequest): Promise<IngestTranscriptResponse> {
    if (request.user_id === undefined) throw new EngramError('INVALID_INPUT', 'user_id is required');
    const owner = resolveWriteOwner(auth, { userId: request.user_id, customerId: request.customer_id });
    const turns = transcriptTurns(request.transcript);
    if (turns.length === 0) throw new EngramError('INVALID_INPUT', 'transcript holds no turns');
    const now = this.dependencies.clock.now().toISOString();
    const conversationId = conversationUuidFor(auth.instanceId, request.conversation_id);
    const hash = createHash('sha256')
      .update(JSON.stringify(turns.map((turn) => [turn.role, turn.speaker, turn.content])))
      .digest('hex');
    const registration = await this.dependencies.conversations.registerTranscript(
      auth.instanceId,
      conversationId,
      hash,
      newUuidV7(),
      now,
    );
    const base = {
      conversation_id: conversationId,
      external_conversation_id: request.conversation_id,
      ingestion_id: registration.ingestionId,
      queued_at: now,
    };
    if (registration.status === 'duplicate') {
      return { ...base, status: 'duplicate', turns_recorded: 0, summary_status: 'already_compacted' };
    }
    if (registration.status === 'conflict') {
      throw new EngramError(
        'TRANSCRIPT_CONFLICT',
        'a different transcript was already ingested for this conversation',
        {
          details: { wireCode: 'transcript_conflict', ingestion_id: registration.ingestionId },
        },
      );
    }
    const startedAt = request.started_at ?? turns.find((turn) => turn.timestamp)?.timestamp ?? now;
    const recorded = await this.dependencies.conversations.appendMessages(
      turns.map((turn) => ({
        messageId: newUuidV7(),
        instanceId: auth.instanceId,
        conversationId,
        role: turn.role,
        content: turn.content,
        userId: owner.userId ?? request.user_id,
        customerId: owner.customerId,
        sessionId: conversationId,
        metadata: { ...turn.metadata, source: 'transcript', speaker: turn.speaker },
        recordedAt: turn.timestamp ?? startedAt,
      })),
    );
    const first = recorded[0];
    const last = recorded.at(-1);
    if (this.dependencies.cursors && first && last) {
      await this.dependencies.cursors.advance(
        auth.instanceId,
        conversationId,
        first.sequence - 1,
        last.sequence,
        now,
      );
    }
    const payload: IngestDocumentPayload = {
      documentId: `transcript:${conversationId}`,
      text: turns.map((turn) => `${turn.speaker}: ${turn.content.replace(/\n/g, ' ')}`).join('\n'),
      documentType: 'ai-chat-conversation',
      documentCreatedAt: startedAt,
      mode: (await this.dependencies.defaultMode?.(auth.instanceId)) ?? 'long-range',
      metadata: {
        ...(request.metadata ?? {}),
        conversation_id: conversationId,
        external_conversation_id: request.conversation_id,
        ...(request.conversation_type ? { conversation_type: request.conversation_type } : {}),
      },
      owner: {
        instanceId: owner.instanceId,
        scope: owner.scope,
        customerId: owner.customerId,
        userId: owner.userId,
        scopeKey: owner.scopeKey,
      },
      hints: request.analysis === undefined ? undefined : JSON.stringify(request.analysis),
    };
    await this.dependencies.jobs.enqueue({
      jobId: registration.ingestionId,
      instanceId: auth.instanceId,
      kind: 'ingest-document',
      serialKey: owner.scopeKey,
      payload: payload as unknown as Record<string, unknown>,
      queuedAt: now,
    });
    this.dependencies.onQueued?.();
    const compacting = this.dependencies.requestCompaction
      ? await this.dependencies.requestCompaction(auth, conversationId).catch(() => false)
      : false;
    return {
      ...base,
      status: 'queued',
      turns_recorded: turns.length,
      summary_status: compacting ? 'in_progress' : 'skipped',
    };
  }
}
