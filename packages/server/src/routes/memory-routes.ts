import {
  batchCreateMemoriesRequestSchema,
  batchCreateMemoriesResponseSchema,
  createMemoryRequestSchema,
  createMemoryResponseSchema,
  deleteMemoryResponseSchema,
  ingestExchangeRequestSchema,
  ingestExchangeResponseSchema,
  ingestionStatusResponseSchema,
  memoryResponseSchema,
  UUID_PATTERN,
  updateMemoryRequestSchema,
} from '@engram/protocol';
import { z } from 'zod';
import type { EngramServices } from '../app/engram-services.js';
import { defineRoute, type RouteDefinition } from '../http/route-definition.js';
import { readUploadForm, uploadFormSchema } from './upload-form.js';

const uuidParam = (name: string) => z.string().regex(UUID_PATTERN, `${name} must be a UUID`);

/** memories.create / batch / upload / status / get / update / delete (E15–E21), and exchange ingest (§5). */
export function memoryRoutes(services: EngramServices): RouteDefinition[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/v1/memories/create',
      operationId: 'createMemory',
      summary: 'Queue a document for extraction into typed memories (idempotent on document_id).',
      tag: 'memories',
      authenticated: true,
      bodyLimit: 'batch',
      body: createMemoryRequestSchema,
      response: createMemoryResponseSchema,
      handle: ({ auth, body }) => services.memoryIngestion.create(auth, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/memories/batch',
      operationId: 'batchCreateMemories',
      summary: 'Queue many documents; fail_fast rejects the batch on any invalid document.',
      tag: 'memories',
      authenticated: true,
      bodyLimit: 'batch',
      body: batchCreateMemoriesRequestSchema,
      response: batchCreateMemoriesResponseSchema,
      handle: ({ auth, body }) => services.memoryIngestion.batchCreate(auth, body.documents, body.fail_fast),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/memories/upload',
      operationId: 'uploadMemoryFile',
      summary: 'Queue a text file (multipart/form-data field "file") or a "text" field.',
      tag: 'memories',
      authenticated: true,
      bodyLimit: 'upload',
      multipart: true,
      body: uploadFormSchema,
      response: createMemoryResponseSchema,
      handle: async ({ auth, request }) =>
        services.memoryIngestion.create(auth, await readUploadForm(request)),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/memories/ingest',
      operationId: 'ingestExchange',
      summary:
        "Keep one model call's exchange (Synap's TypeScript integrations): record its turns on a UUID conversation and queue them for extraction for the user or customer (idempotent per exchange).",
      tag: 'memories',
      authenticated: true,
      bodyLimit: 'batch',
      body: ingestExchangeRequestSchema,
      response: ingestExchangeResponseSchema,
      handle: ({ auth, body }) => services.exchanges.ingest(auth, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/memories/status/{ingestion_id}',
      operationId: 'getIngestionStatus',
      summary: 'Status of one ingestion: queued, processing, completed, failed or partial_success.',
      tag: 'memories',
      authenticated: true,
      params: z.object({ ingestion_id: uuidParam('ingestion_id') }),
      response: ingestionStatusResponseSchema,
      handle: ({ auth, params }) => services.memoryIngestion.status(auth, params.ingestion_id),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/memories/{memory_id}',
      operationId: 'getMemory',
      summary: 'One memory with its entities and provenance.',
      tag: 'memories',
      authenticated: true,
      params: z.object({ memory_id: uuidParam('memory_id') }),
      response: memoryResponseSchema,
      handle: ({ auth, params }) => services.memories.get(auth, params.memory_id),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/v1/memories/{memory_id}',
      operationId: 'updateMemory',
      summary: 'Rewrite a memory (merge_strategy replace, append or smart-merge) and re-index it.',
      tag: 'memories',
      authenticated: true,
      params: z.object({ memory_id: uuidParam('memory_id') }),
      body: updateMemoryRequestSchema,
      response: memoryResponseSchema,
      handle: ({ auth, params, body }) => services.memories.update(auth, params.memory_id, body),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/v1/memories/{memory_id}',
      operationId: 'deleteMemory',
      summary: 'Delete a memory permanently, with its vectors, text index rows, entity links and edges.',
      tag: 'memories',
      authenticated: true,
      params: z.object({ memory_id: uuidParam('memory_id') }),
      response: deleteMemoryResponseSchema,
      handle: ({ auth, params }) => services.memories.delete(auth, params.memory_id),
    }),
  ];
}
