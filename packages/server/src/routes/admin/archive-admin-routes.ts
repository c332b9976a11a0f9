import { EngramError } from '@engram/core';
import { z } from 'zod';
import { linesOf, streamOf } from '../../admin/jsonl-lines.js';
import type { EngramServices } from '../../app/engram-services.js';
import { defineRoute, type RouteDefinition } from '../../http/route-definition.js';
import { ADMIN_ROUTE, requireInstance } from './admin-route-support.js';
import { authorSchema, instanceParamsSchema, objectResponseSchema } from './admin-schemas.js';

/** `/admin/v1/instances/{id}/export` and `/import`: the JSONL archive, streamed both ways. */
export function archiveAdminRoutes(services: EngramServices): RouteDefinition[] {
  const common = ADMIN_ROUTE;
  return [
    defineRoute({
      ...common,
      method: 'get',
      path: '/admin/v1/instances/{instance_id}/export',
      operationId: 'exportInstance',
      summary:
        'Streams the instance (or one user) as JSONL: header, configuration, documents, entities, memories, edges, conversations, messages, end.',
      params: instanceParamsSchema,
      query: z.object({ user_id: z.string().min(1).optional() }),
      response: z.string().describe('application/x-ndjson, one record per line'),
      handle: async ({ params, query }) => {
        await requireInstance(services, params.instance_id);
        const lines = services.archive.exportLines(
          params.instance_id,
          query.user_id === undefined ? {} : { userId: query.user_id },
        );
        return new Response(streamOf(lines), {
          headers: {
            'content-type': 'application/x-ndjson; charset=utf-8',
            'content-disposition': `attachment; filename="engram-${params.instance_id}.jsonl"`,
          },
        });
      },
    }),
    defineRoute({
      ...common,
      method: 'post',
      path: '/admin/v1/instances/{instance_id}/import',
      operationId: 'importInstance',
      summary:
        'Imports a JSONL archive in one transaction (idempotent); a bad line is a 422 naming its number; an archive over ENGRAM_MAX_IMPORT_BYTES is a 400.',
      params: instanceParamsSchema,
      query: z.object({ author: authorSchema }),
      body: z.string().describe('application/x-ndjson: an archive written by export'),
      mediaType: 'application/x-ndjson',
      streamBody: true,
      // A declared length over ENGRAM_MAX_IMPORT_BYTES is refused unread; linesOf cuts off undeclared ones.
      bodyLimit: 'import',
      response: objectResponseSchema,
      handle: async ({ params, query, request }) => {
        if (!request.body)
          throw new EngramError('BAD_REQUEST', 'the request body is empty; send the archive');
        const summary = await services.archive.importLines(
          linesOf(request.body as AsyncIterable<Uint8Array>, { maxBytes: services.config.maxImportBytes }),
          {
            instanceId: params.instance_id,
            author: query.author,
          },
        );
        return { instance_id: summary.instanceId, imported: summary.imported, skipped: summary.skipped };
      },
    }),
  ];
}
