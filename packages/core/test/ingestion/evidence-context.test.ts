import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EvidenceContext } from '../../src/ingestion/evidence-context.js';

const chat = [
  'Melanie: How was the support group yesterday?',
  'Caroline: It was amazing, everyone was so kind.',
  'Melanie: That is wonderful to hear!',
  '',
  'Caroline: Thanks, see you soon.',
].join('\n');

describe('EvidenceContext', () => {
  it('returns the lines on either side of the evidence, in document order', () => {
    const context = new EvidenceContext(chat);
    assert.deepEqual(context.around(['Caroline: It was amazing, everyone was so kind.']), [
      'Melanie: How was the support group yesterday?',
      'Melanie: That is wonderful to hear!',
    ]);
  });

  it('skips blank lines, the evidence itself and repeats; matches trimmed lines', () => {
    const context = new EvidenceContext(chat);
    assert.deepEqual(
      context.around([
        '  Melanie: That is wonderful to hear!  ',
        'Caroline: It was amazing, everyone was so kind.',
      ]),
      ['Melanie: How was the support group yesterday?', 'Caroline: Thanks, see you soon.'],
    );
    assert.deepEqual(context.around(['Caroline: Thanks, see you soon.']), [
      'Melanie: That is wonderful to hear!',
    ]);
  });

  it('widens with the window and is empty for evidence that is not a line of the document', () => {
    const context = new EvidenceContext(chat);
    assert.deepEqual(context.around(['Melanie: How was the support group yesterday?'], 2), [
      'Caroline: It was amazing, everyone was so kind.',
    ]);
    assert.deepEqual(context.around(['Caroline went to a support group.']), []);
  });

  it("in bursts, takes the partner's run before, the speaker's neighbours and the partner's reply", () => {
    const bursty = [
      'sam_k: how did the interview go??',
      'maya: ok so',
      'maya: it went well i think',
      'maya: they asked about my thesis',
      'maya: second round thursday',
      'maya: fingers crossed',
      'sam_k: omg amazing',
      'sam_k: which company again?',
      'maya: the bakery on kings road',
    ].join('\n');
    const context = new EvidenceContext(bursty);
    assert.deepEqual(context.around(['maya: they asked about my thesis']), [
      'sam_k: how did the interview go??',
      'maya: it went well i think',
      'maya: second round thursday',
      'sam_k: omg amazing',
    ]);
    assert.deepEqual(context.around(['maya: the bakery on kings road']), ['sam_k: which company again?']);
    assert.deepEqual(context.around(['maya: they asked about my thesis'], 2), [
      'sam_k: how did the interview go??',
      'maya: ok so',
      'maya: it went well i think',
      'maya: second round thursday',
      'maya: fingers crossed',
      'sam_k: omg amazing',
      'sam_k: which company again?',
    ]);
  });

  it('falls back to neighbouring lines in prose', () => {
    const context = new EvidenceContext('First line.\nSecond line.\nThird line.\nFourth.');
    assert.deepEqual(context.around(['Second line.']), ['First line.', 'Third line.']);
  });
});
