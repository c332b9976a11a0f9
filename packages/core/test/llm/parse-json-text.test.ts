import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { parseJsonText } from '../../src/llm/parse-json-text.js';

const schema = z.object({ answer: z.string() });

describe('parseJsonText', () => {
  it('reads plain JSON', () => {
    assert.deepEqual(parseJsonText('{"answer":"Paris"}', schema), {
      success: true,
      data: { answer: 'Paris' },
    });
  });

  it('prefers the content of a ```json fence', () => {
    const reply = 'Sure! {"not":"this"}\n```json\n{"answer": "Paris"}\n```\nAnything else?';
    assert.deepEqual(parseJsonText(reply, schema), { success: true, data: { answer: 'Paris' } });
  });

  it('takes the first balanced object out of prose, ignoring brackets inside strings', () => {
    const reply = 'The result is {"answer": "a } tricky \\" {value"} as requested.';
    assert.deepEqual(parseJsonText(reply, schema), {
      success: true,
      data: { answer: 'a } tricky " {value' },
    });
  });

  it('skips a think block and an earlier object that does not match', () => {
    const reply = '<think>maybe {"answer": 1}?</think> Example: {"x": 1}. Final: {"answer":"Paris"}';
    assert.deepEqual(parseJsonText(reply, schema), { success: true, data: { answer: 'Paris' } });
  });

  it('reads a top-level array', () => {
    assert.deepEqual(parseJsonText('Here: [1, 2, 3]', z.array(z.number())), {
      success: true,
      data: [1, 2, 3],
    });
  });

  it('reports no-json for prose and truncated output, without throwing', () => {
    for (const reply of ['The capital is Paris.', '{"answer": "Par', '', '```json\n```']) {
      assert.deepEqual(parseJsonText(reply, schema), { success: false, reason: 'no-json', issues: [] });
    }
  });

  it('reports schema issues by path', () => {
    const result = parseJsonText('{"answer": 42}', schema);
    assert.equal(result.success, false);
    assert.equal(result.success === false && result.reason, 'schema-mismatch');
    assert.deepEqual(result.success === false && result.issues.map((issue) => [issue.path, issue.code]), [
      ['answer', 'invalid_type'],
    ]);
  });
});
