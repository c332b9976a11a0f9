import fc from 'fast-check';

/** The parts of an OpenAPI 3.1 document the fuzzer reads. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

interface OpenApiOperation {
  operationId: string;
  parameters?: { name: string; in: 'path' | 'query'; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  security?: unknown[];
}

/** The JSON Schema keywords zod's generator emits that matter here. */
interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  maxLength?: number;
  maximum?: number;
  minimum?: number;
}

/** One generated request: method, concrete path, query, body text, and which credential it carries. */
export interface FuzzCase {
  operationId: string;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Raw body text (JSON or not); undefined sends none. */
  body?: string;
  /** Multipart fields, for the upload route. */
  form?: Record<string, string>;
  auth: 'valid' | 'wrong' | 'none';
}

/** Stands for a hostile value in a JSON body until it is spliced in as text (deep nesting overflows JSON.stringify). */
const HOLE = '"__fuzz_hole__"';

/** JSON text nested `depth` levels deep, written as text. */
function deepJson(depth: number): string {
  return `${'{"a":['.repeat(depth)}1${']}'.repeat(depth)}`;
}

/** Values no schema expects: wrong types, extremes, odd strings, deep nesting (as text through the hole). */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.constantFrom(0, -1, 2 ** 53, -(2 ** 53), 1e308, 51, 1_000_000),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '../../etc/passwd',
    "' OR 1=1 --",
    '"quoted"',
    'NEAR(a b)',
    'a*',
    '^',
    '💥',
  ),
  fc.integer({ min: 1_000, max: 300_000 }).map((length) => 'x'.repeat(length)),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 4 }),
  fc.constantFrom({ __proto__: { polluted: true } }, { constructor: { prototype: {} } }),
  fc.constantFrom(HOLE),
);

/** A value following `schema` (loosely: the fuzzer wants to reach handlers, not to be exact). */
function conforming(schema: JsonSchema | undefined, depth: number): fc.Arbitrary<unknown> {
  if (schema === undefined || depth > 4) return fc.oneof(fc.string({ maxLength: 20 }), fc.integer());
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices && choices.length > 0)
    return fc.oneof(...choices.map((choice) => conforming(choice, depth + 1)));
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type.find((kind) => kind !== 'null') : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'uuid') return fc.uuid();
      if (schema.format === 'date-time')
        return fc.date({ noInvalidDate: true }).map((date) => date.toISOString());
      return fc.oneof(
        fc.constantFrom('user-1', 'user-2', 'customer-1', 'I like green tea.', 'User: I moved to Paris.'),
        fc.string({ minLength: 1, maxLength: Math.min(schema.maxLength ?? 60, 60) }),
      );
    case 'integer':
      return fc.integer({ min: schema.minimum ?? 0, max: Math.min(schema.maximum ?? 100, 100) });
    case 'number':
      return fc.double({ min: schema.minimum ?? 0, max: schema.maximum ?? 1, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(conforming(schema.items, depth + 1), { maxLength: 3 });
    case 'object': {
      const properties = Object.entries(schema.properties ?? {});
      if (properties.length === 0)
        return fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 });
      return fc.record(
        Object.fromEntries(properties.map(([name, property]) => [name, conforming(property, depth + 1)])),
        { requiredKeys: schema.required?.filter((name) => schema.properties?.[name] !== undefined) ?? [] },
      );
    }
    default:
      return fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.constant(null));
  }
}

/** Mostly conforming, sometimes hostile: the mix that reaches deep into handlers and still probes the edges. */
function fieldValue(schema: JsonSchema | undefined, depth: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: conforming(schema, depth) },
    { weight: 1, arbitrary: hostileValue },
  );
}

/** A JSON body for `schema`: an object whose fields are each conforming or hostile, with extra keys now and then. */
function bodyText(schema: JsonSchema | undefined): fc.Arbitrary<string | undefined> {
  const properties = Object.entries(schema?.properties ?? {});
  const object = fc
    .tuple(
      fc.record(Object.fromEntries(properties.map(([name, property]) => [name, fieldValue(property, 1)])), {
        requiredKeys: [],
      }),
      fc.dictionary(fc.string({ maxLength: 6 }), hostileValue, { maxKeys: 2 }),
      fc.constantFrom(33, 200, 5_000),
    )
    .map(([fields, extra, depth]) =>
      JSON.stringify({ ...extra, ...fields }).replaceAll(HOLE, deepJson(depth)),
    );
  const garbage = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.constantFrom('', '{', '[]', 'null', '"text"', '{"a":}', '\u0000\u0001', deepJson(100_000)),
  );
  return fc.oneof(
    { weight: 8, arbitrary: object },
    { weight: 1, arbitrary: garbage },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

/** A path parameter value: a real-looking id or something hostile, percent-encoded into the path. */
const pathValue = fc.oneof(
  fc.uuid(),
  fc.constantFrom('user-1', '..', '%00', 'a'.repeat(300), 'ÄÖÜ', 'null', '0'),
  fc.string({ minLength: 1, maxLength: 30 }),
);

/** Every request the fuzzer may send, for every operation of `document`. */
export function fuzzCases(document: OpenApiDocument): fc.Arbitrary<FuzzCase> {
  const operations: fc.Arbitrary<FuzzCase>[] = [];
  for (const [template, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const pathParameters = (operation.parameters ?? []).filter((parameter) => parameter.in === 'path');
      const queryParameters = (operation.parameters ?? []).filter((parameter) => parameter.in === 'query');
      const media = operation.requestBody?.content ?? {};
      const multipart = media['multipart/form-data'];
      operations.push(
        fc
          .record({
            path: fc.tuple(...pathParameters.map(() => pathValue), fc.constant('')),
            query: fc.record(
              Object.fromEntries(
                queryParameters.map((parameter) => [
                  parameter.name,
                  fc
                    .oneof(conforming(parameter.schema, 1), hostileValue)
                    .map((value) =>
                      typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value),
                    ),
                ]),
              ),
              { requiredKeys: [] },
            ),
            body: multipart ? fc.constant(undefined) : bodyText(media['application/json']?.schema),
            form: multipart
              ? fc.dictionary(
                  fc.constantFrom(
                    'document',
                    'document_type',
                    'user_id',
                    'customer_id',
                    'metadata',
                    'mode',
                    'file',
                  ),
                  fc.oneof(
                    fc.string({ maxLength: 50 }),
                    fc.constant(deepJson(1_000)),
                    fc.constant('{"a":1}'),
                  ),
                )
              : fc.constant(undefined),
            auth: operation.security
              ? fc.constantFrom(
                  'valid',
                  'valid',
                  'valid',
                  'valid',
                  'valid',
                  'valid',
                  'valid',
                  'valid',
                  'wrong',
                  'none',
                )
              : fc.constant('none'),
          })
          .map(({ path, query, body, form, auth }) => {
            let index = 0;
            const concrete = template.replace(/\{[^}]+\}/g, () => encodeURIComponent(String(path[index++])));
            return {
              operationId: operation.operationId,
              method: method.toUpperCase(),
              path: concrete,
              query: query as Record<string, string>,
              ...(body !== undefined && method !== 'get' && { body }),
              ...(form !== undefined && { form: form as Record<string, string> }),
              auth: auth as FuzzCase['auth'],
            };
          }),
      );
    }
  }
  return fc.oneof(...operations);
}
