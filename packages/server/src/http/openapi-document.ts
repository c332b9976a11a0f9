import { z } from 'zod';
import type { RouteDefinition } from './route-definition.js';

const ERROR_RESPONSE = {
  description: 'Error: `{"detail": "..."}` (an object with `code` and `message` on 409)',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: { detail: {}, code: { type: 'string' } },
        required: ['detail'],
      },
    },
  },
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  // `unrepresentable: 'any'` keeps transforms and refinements from aborting generation.
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}

function parametersOf(schema: z.ZodType | undefined, location: 'path' | 'query'): unknown[] {
  if (!schema) return [];
  const described = jsonSchema(schema, 'input') as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  return Object.entries(described.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (described.required ?? []).includes(name),
    schema: property,
  }));
}

/**
 * Builds the OpenAPI 3.1 document from the same route definitions and zod
 * schemas that validate requests, so the two cannot drift apart.
 */
export function buildOpenApiDocument(
  routes: readonly RouteDefinition[],
  version: string,
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const operation: Record<string, unknown> = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.tag],
      parameters: [...parametersOf(route.params, 'path'), ...parametersOf(route.query, 'query')],
      responses: {
        '200': {
          description: 'Success',
          content: { 'application/json': { schema: jsonSchema(route.response, 'output') } },
        },
        default: ERROR_RESPONSE,
      },
    };
    // An empty list overrides the document-wide bearer requirement.
    operation.security = route.authenticated ? [{ bearerAuth: [] }] : [];
    if (route.body) {
      const mediaType = route.multipart ? 'multipart/form-data' : 'application/json';
      operation.requestBody = {
        required: true,
        content: { [mediaType]: { schema: jsonSchema(route.body, 'input') } },
      };
    }
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Engram',
      version,
      description: 'Long-term memory for AI agents, speaking the Synap wire protocol.',
    },
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'synap_… API key' } },
    },
    security: [{ bearerAuth: [] }],
    paths,
  };
}
