import {
  contextForPromptQuerySchema,
  contextForPromptResponseSchema,
  conversationIdSchema,
  ingestTranscriptRequestSchema,
  ingestTranscriptResponseSchema,
  recordMessageRequestSchema,
  recordMessageResponseSchema,
  recordMessagesBatchRequestSchema,
  recordMessagesBatchResponseSchema,
} from '@engram/protocol';
import { z } from 'zod';
import type { EngramServices } from '../app/engram-services.js';
import { defineRoute, type RouteDefinition } from '../http/route-definition.js';

/** Path parameters of the `/v1/conversations/{conversation_id}/…` routes. */
export const conversationPathSchema = z.object({ conversation_id: conversationIdSchema });

/** Record turns (E7, E8) and read prompt-ready context (E9). */
export function conversationRoutes(services: EngramServices): RouteDefinition[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/conversations/messages',
      operationId: 'recordMessage',
      summary: 'Record one conversation turn (registers the conversation on its first turn).',
      tag: 'conversations',
      authenticated: true,
      body: recordMessageRequestSchema,
      response: recordMessageResponseSchema,
      handle: ({ auth, body }) => services.conversations.recordMessage(auth, body),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/conversations/messages/batch',
      operationId: 'recordMessagesBatch',
      summary: 'Record many turns; rows are validated one by one and results follow input order.',
      tag: 'conversations',
      authenticated: true,
      bodyLimit: 'batch',
      body: recordMessagesBatchRequestSchema,
      response: recordMessagesBatchResponseSchema,
      handle: ({ auth, body }) => services.conversations.recordMessagesBatch(auth, body.messages),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/conversations/ingest',
      operationId: 'ingestTranscript',
      summary:
        'Record a whole transcript, queue extraction and a summary compaction (idempotent per transcript).',
      tag: 'conversations',
      authenticated: true,
      bodyLimit: 'batch',
      body: ingestTranscriptRequestSchema,
      response: ingestTranscriptResponseSchema,
      handle: ({ auth, body }) => services.transcripts.ingest(auth, body),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/conversations/{conversation_id}/context-for-prompt',
      operationId: 'getContextForPrompt',
      summary: 'Prompt-ready text: the latest compaction plus every message after its cutoff.',
      tag: 'conversations',
      authenticated: true,
      params: conversationPathSchema,
      query: contextForPromptQuerySchema,
      response: contextForPromptResponseSchema,
      handle: ({ auth, params, query }) =>
        services.contextForPrompt.contextForPrompt(auth, params.conversation_id, query.style),
    }),
  ];
}
