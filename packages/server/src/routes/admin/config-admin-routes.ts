import { EngramError } from '@engram/core';
import { z } from 'zod';
import { parseConfigText } from '../../admin/config-text.js';
import { configVersionBody } from '../../admin/wire-shapes.js';
import type { EngramServices } from '../../app/engram-services.js';
import { defineRoute, type RouteDefinition } from '../../http/route-definition.js';
import { ADMIN_ROUTE } from './admin-route-support.js';
import { authorSchema, instanceParamsSchema, objectResponseSchema } from './admin-schemas.js';

const setBodySchema = z
  .object({
    /** The document as a JSON object… */
    document: z.record(z.string(), z.unknown()).optional(),
    /** …or as JSON or YAML text. */
    text: z.string().max(1_000_000).optional(),
    author: authorSchema,
  })
  .refine((body) => (body.document === undefined) !== (body.text === undefined), {
    message: 'send exactly one of document (an object) or text (JSON or YAML)',
  });

const versionParamsSchema = instanceParamsSchema.extend({
  version: z.coerce.number().int().min(0),
});

/** `/admin/v1/instances/{id}/config…`: the versioned per-instance configuration. */
export function configAdminRoutes(services: EngramServices): RouteDefinition[] {
  const configs = services.instanceConfig;
  const base = '/admin/v1/instances/{instance_id}/config';
  const common = { ...ADMIN_ROUTE, response: objectResponseSchema } as const;
  return [
    defineRoute({
      ...common,
      method: 'get',
      path: base,
      operationId: 'getInstanceConfig',
      summary: 'The active configuration document and its version (0: the defaults).',
      params: instanceParamsSchema,
      handle: async ({ params }) => configVersionBody(await configs.current(params.instance_id)),
    }),
    defineRoute({
      ...common,
      method: 'post',
      path: base,
      operationId: 'setInstanceConfig',
      summary:
        'Replaces the document (JSON object, or JSON/YAML text); a new version unless nothing changed.',
      params: instanceParamsSchema,
      body: setBodySchema,
      handle: async ({ params, body }) => {
        const document = body.document ?? parseConfigText(body.text as string);
        return configVersionBody(await configs.set(params.instance_id, document, body.author));
      },
    }),
    defineRoute({
      ...common,
      method: 'get',
      path: `${base}/history`,
      operationId: 'listInstanceConfigVersions',
      summary: 'Every version, newest first, with author, time and diff.',
      params: instanceParamsSchema,
      handle: async ({ params }) => ({
        versions: (await configs.history(params.instance_id)).map(configVersionBody),
      }),
    }),
    defineRoute({
      ...common,
      method: 'post',
      path: `${base}/rollback`,
      operationId: 'rollbackInstanceConfig',
      summary: "Restores an earlier version's document as a new version.",
      params: instanceParamsSchema,
      body: z.object({ version: z.number().int().min(0), author: authorSchema }),
      handle: async ({ params, body }) =>
        configVersionBody(await configs.rollback(params.instance_id, body.version, body.author)),
    }),
    defineRoute({
      ...common,
      method: 'get',
      path: `${base}/versions/{version}`,
      operationId: 'getInstanceConfigVersion',
      summary: 'One stored version.',
      params: versionParamsSchema,
      handle: async ({ params }) => {
        const history = await configs.history(params.instance_id);
        const found = history.find((version) => version.version === params.version);
        if (!found) throw new EngramError('NOT_FOUND', `configuration version ${params.version} not found`);
        return configVersionBody(found);
      },
    }),
  ];
}
