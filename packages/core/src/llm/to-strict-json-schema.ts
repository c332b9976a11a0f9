import { z } from 'zod';

type JsonSchemaNode = Record<string, unknown>;

// Keywords OpenAI's strict structured outputs reject, or that carry no meaning for the model.
const DROPPED_KEYWORDS = new Set(['$schema', 'default']);
const SCHEMA_MAP_KEYWORDS = ['properties', '$defs', 'definitions'];
const SCHEMA_LIST_KEYWORDS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];

/**
 * Converts a zod schema into the JSON Schema subset that OpenAI's strict
 * structured outputs accept (also understood by Ollama and vLLM): every
 * object lists all its properties as required and forbids extra ones; a
 * property that zod treats as optional becomes nullable instead, so give
 * optional fields `.nullish()` for the reply to parse back. `default` and
 * `$schema` are dropped, as are zod's implicit safe-integer bounds. Pure; the
 * root of `schema` should be an object, as OpenAI requires.
 */
export function toStrictJsonSchema(schema: z.ZodType): JsonSchemaNode {
  const converted = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as JsonSchemaNode;
  return strictNode(converted);
}

function strictNode(node: unknown): JsonSchemaNode {
  if (!isNode(node)) return {};
  const result: JsonSchemaNode = {};
  for (const [keyword, value] of Object.entries(node)) {
    if (DROPPED_KEYWORDS.has(keyword)) continue;
    if (SCHEMA_MAP_KEYWORDS.includes(keyword) && isNode(value)) {
      result[keyword] = Object.fromEntries(
        Object.entries(value).map(([name, child]) => [name, strictNode(child)]),
      );
    } else if (SCHEMA_LIST_KEYWORDS.includes(keyword) && Array.isArray(value)) {
      result[keyword] = value.map(strictNode);
    } else if (
      (keyword === 'items' || keyword === 'additionalProperties' || keyword === 'not') &&
      isNode(value)
    ) {
      result[keyword] = strictNode(value);
    } else if (isImplicitIntegerBound(keyword, value)) {
    } else {
      result[keyword] = value;
    }
  }
  if (isNode(result.properties)) makeAllRequired(result, result.properties);
  return result;
}

/** Strict mode wants every property required: optional ones become nullable. */
function makeAllRequired(objectNode: JsonSchemaNode, properties: JsonSchemaNode): void {
  const required = new Set(Array.isArray(objectNode.required) ? objectNode.required.map(String) : []);
  for (const [name, property] of Object.entries(properties)) {
    if (!required.has(name) && isNode(property) && !acceptsNull(property)) {
      properties[name] = { anyOf: [property, { type: 'null' }] };
    }
  }
  objectNode.required = Object.keys(properties);
  objectNode.additionalProperties ??= false;
}

function acceptsNull(node: JsonSchemaNode): boolean {
  if (node.type === 'null') return true;
  if (Array.isArray(node.type) && node.type.includes('null')) return true;
  if (Array.isArray(node.enum) && node.enum.includes(null)) return true;
  return Array.isArray(node.anyOf) && node.anyOf.some((child) => isNode(child) && acceptsNull(child));
}

function isImplicitIntegerBound(keyword: string, value: unknown): boolean {
  return (
    (keyword === 'minimum' && value === Number.MIN_SAFE_INTEGER) ||
    (keyword === 'maximum' && value === Number.MAX_SAFE_INTEGER)
  );
}

function isNode(value: unknown): value is JsonSchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
