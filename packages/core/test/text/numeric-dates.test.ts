import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyResolvedDates, resolveDates } from '../../src/extraction/rule-based/date-resolver.js';
import { extractMemories } from '../../src/extraction/rule-based/rule-based-extractor.js';
import { parseDocument } from '../../src/parsing/index.js';
import { inferDateOrder } from '../../src/text/numeric-dates.js';
import { type ReferenceTime, referenceTimeOf } from '../../src/text/reference-time.js';

const REFERENCE = referenceTimeOf('2024-03-03T19:42:00Z');

function days(sentence: string, reference: ReferenceTime = REFERENCE, future = false) {
  return resolveDates(sentence, reference, future).map((date) => date.iso.slice(0, 10));
}

describe('all-number dates', () => {
  it('reads dotted dates day-first, with or without a year', () => {
    assert.deepEqual(days('the wedding is on 03.07.2024'), ['2024-07-03']);
    assert.deepEqual(days('i can do 12.04 to 16.04'), ['2024-04-12', '2024-04-16']);
    const sentence = 'flights are cheap for 12.04';
    assert.equal(
      applyResolvedDates(sentence, resolveDates(sentence, REFERENCE, false)),
      'flights are cheap for 12 April 2024',
    );
  });

  it('reads slashed dates by the only valid reading, else by the document order, else month-first', () => {
    assert.deepEqual(days('we met on 25/12/2023'), ['2023-12-25']);
    assert.deepEqual(days('we met on 12/25/2023'), ['2023-12-25']);
    assert.deepEqual(days('we met on 3/7/2024'), ['2024-03-07']);
    assert.deepEqual(days('we met on 3/7/2024', { ...REFERENCE, dateOrder: 'day-first' }), ['2024-07-03']);
  });

  it('guesses a missing year: the next occurrence ahead, else the nearest', () => {
    assert.deepEqual(days('mums 60th is on 28.09', REFERENCE, true), ['2024-09-28']);
    assert.deepEqual(days('we were there on 28.02'), ['2024-02-28']);
    assert.deepEqual(days('back on 20.12'), ['2023-12-20']);
  });

  it('leaves times, amounts, scores, fractions and versions alone', () => {
    for (const sentence of [
      'meet at 10.30',
      'it costs 12.50',
      'ran 5.3 km',
      'open 24/7',
      'score was 3-2',
      'add 1/2 cup',
      'v1.2.3 is out',
    ])
      assert.deepEqual(days(sentence), [], sentence);
  });

  it('infers the order from dates that settle it', () => {
    assert.equal(inferDateOrder(['see you 25/12', 'and 4/5']), 'day-first');
    assert.equal(inferDateOrder(['on 12/25']), 'month-first');
    assert.equal(inferDateOrder(['on 4/5']), undefined);
  });

  it('dates a chat memory by a day-first date the document settles', () => {
    const document = parseDocument({
      text: 'ana: my flight lands on 25/12\nana: and the wedding is on 4/1/2025',
      documentType: 'ai-chat-conversation',
      createdAt: '2024-11-20T10:00:00Z',
    });
    const memories = extractMemories(document, { mode: 'long-range' });
    const wedding = memories.find((memory) => memory.content.includes('wedding'));
    assert.equal(wedding?.eventDate?.slice(0, 10), '2025-01-04');
  });
});
