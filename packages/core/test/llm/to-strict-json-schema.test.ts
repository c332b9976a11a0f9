import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { toStrictJsonSchema } from '../../src/llm/to-strict-json-schema.js';

describe('toStrictJsonSchema', () => {
  it('requires every property, makes optional ones nullable, forbids extras', () => {
    const schema = z.object({
      name: z.string(),
      nickname: z.string().optional(),
      age: z.number().int().nullish(),
      tags: z.array(z.object({ default: z.string() })).default([]),
    });
    assert.deepEqual(toStrictJsonSchema(schema), {
      type: 'object',
      properties: {
        name: { type: 'string' },
        nickname: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        age: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
        tags: {
          type: 'array',
          items: {
            type: 'object',
            properties: { default: { type: 'string' } },
            required: ['default'],
            additionalProperties: false,
          },
        },
      },
      required: ['name', 'nickname', 'age', 'tags'],
      additionalProperties: false,
    });
  });

  it('keeps descriptions and enums', () => {
    const schema = z.object({ kind: z.enum(['a', 'b']).describe('which one') });
    assert.deepEqual(toStrictJsonSchema(schema).properties, {
      kind: { type: 'string', enum: ['a', 'b'], description: 'which one' },
    });
  });
});
