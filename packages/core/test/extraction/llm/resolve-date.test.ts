import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveDate } from '../../../src/extraction/llm/resolve-date.js';

const REFERENCE = '2024-05-08T14:00:00.000Z';

describe('resolveDate', () => {
  it('normalises ISO dates and date-times to UTC instants', () => {
    assert.equal(resolveDate('2024-05-07', REFERENCE), '2024-05-07T00:00:00.000Z');
    assert.equal(resolveDate('2024-06', REFERENCE), '2024-06-01T00:00:00.000Z');
    assert.equal(resolveDate('2024-05-07T09:30:00', REFERENCE), '2024-05-07T09:30:00.000Z');
    assert.equal(resolveDate('2024-05-07 09:30', REFERENCE), '2024-05-07T09:30:00.000Z');
    assert.equal(resolveDate('2024-05-07T09:30:00+02:00', REFERENCE), '2024-05-07T07:30:00.000Z');
  });

  it('resolves natural-language dates against the reference', () => {
    assert.equal(resolveDate('May 7, 2024', REFERENCE)?.slice(0, 10), '2024-05-07');
    assert.equal(resolveDate('yesterday', REFERENCE)?.slice(0, 10), '2024-05-07');
  });

  it('returns undefined for blank or unreadable text', () => {
    for (const text of [null, undefined, '', '  ', 'sometime', '2024-13-45']) {
      assert.equal(resolveDate(text, REFERENCE), undefined, String(text));
    }
  });
});
