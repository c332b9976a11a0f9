import { EngramError } from '@engram/core';
import { conversationIdSchema } from '@engram/protocol';
import { z } from 'zod';
import type { EngramServices } from '../../app/engram-services.js';
import { defineRoute, type RouteDefinition } from '../../http/route-definition.js';
import { ADMIN_ROUTE, requireInstance } from '../admin/admin-route-support.js';
import { instanceParamsSchema, objectResponseSchema } from '../admin/admin-schemas.js';

/** Most turns and compaction versions one conversation view returns. */
const MAX_TURNS = 2_000;
const MAX_VERSIONS = 50;

/** `/admin/v1/instances/{id}/conversations…`: conversations, and one with its raw turns and compaction versions. */
export function conversationConsoleRoutes(services: EngramServices): RouteDefinition[] {
  const base = '/admin/v1/instances/{instance_id}/conversations';
  const common = { ...ADMIN_ROUTE, response: objectResponseSchema } as const;
  return [
    defineRoute({
      ...common,
      method: 'get',
      path: base,
      operationId: 'listInstanceConversations',
      summary: 'Conversations, most recently active first, optionally of one user or customer.',
      params: instanceParamsSchema,
      query: z.object({
        user_id: z.string().min(1).max(200).optional(),
        customer_id: z.string().min(1).max(200).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
      handle: async ({ params, query }) => {
        await requireInstance(services, params.instance_id);
        const conversations = await services.store.operatorConsole.listConversations({
          instanceId: params.instance_id,
          userId: query.user_id,
          customerId: query.customer_id,
          limit: query.limit,
        });
        return {
          conversations: conversations.map((conversation) => ({
            conversation_id: conversation.conversationId,
            user_id: conversation.userId ?? null,
            customer_id: conversation.customerId ?? null,
            session_id: conversation.sessionId,
            created_at: conversation.createdAt,
            last_message_at: conversation.lastMessageAt,
            message_count: conversation.messageCount,
          })),
        };
      },
    }),
    defineRoute({
      ...common,
      method: 'get',
      path: `${base}/{conversation_id}`,
      operationId: 'getInstanceConversation',
      summary:
        'One conversation: its raw turns (oldest first) and every compaction version (newest first) with the turn each one covers up to.',
      params: instanceParamsSchema.extend({
        conversation_id: conversationIdSchema,
      }),
      handle: async ({ params }) => {
        const conversationId = params.conversation_id;
        const store = services.store;
        const conversation = await store.conversations.getConversation(params.instance_id, conversationId);
        if (!conversation) throw new EngramError('NOT_FOUND', 'conversation not found');
        const turns = await store.conversations.listMessagesAfter(
          params.instance_id,
          conversationId,
          0,
          MAX_TURNS,
        );
        const latest = await store.compactions.latestCompaction(params.instance_id, conversationId);
        const versions = [];
        for (let version = latest?.version ?? 0; version >= 1 && versions.length < MAX_VERSIONS; version--) {
          const compaction = await store.compactions.getCompaction(
            params.instance_id,
            conversationId,
            version,
          );
          if (!compaction) continue;
          versions.push({
            compaction_id: compaction.compactionId,
            version: compaction.version,
            trigger: compaction.trigger,
            created_at: compaction.createdAt,
            summary: compaction.result.summary,
            compacted_context: compaction.result.compactedContext,
            original_token_count: compaction.result.originalTokenCount,
            compacted_token_count: compaction.result.compactedTokenCount,
            compression_ratio: compaction.result.compressionRatio,
            validation_score: compaction.result.validationScore,
            quality_warning: compaction.result.qualityWarning,
            cutoff_sequence: compaction.result.cutoffSequence,
          });
        }
        return {
          conversation_id: conversation.conversationId,
          user_id: conversation.userId ?? null,
          customer_id: conversation.customerId ?? null,
          message_count: conversation.messageCount,
          created_at: conversation.createdAt,
          last_message_at: conversation.lastMessageAt,
          turns: turns.map((turn) => ({
            sequence: turn.sequence,
            role: turn.role,
            content: turn.content,
            recorded_at: turn.recordedAt,
          })),
          compactions: versions,
        };
      },
    }),
  ];
}
