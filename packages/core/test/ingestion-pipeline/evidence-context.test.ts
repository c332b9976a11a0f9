import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EvidenceContext } from '../../src/ingestion-pipeline/evidence-context.js';

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
      ['Melanie: How was the support group yesterday?'],
    );
    assert.deepEqual(context.around(['Caroline: Thanks, see you soon.']), []);
  });

  it('widens with the window and is empty for evidence that is not a line of the document', () => {
    const context = new EvidenceContext(chat);
    assert.deepEqual(context.around(['Melanie: That is wonderful to hear!'], 2), [
      'Melanie: How was the support group yesterday?',
      'Caroline: It was amazing, everyone was so kind.',
      'Caroline: Thanks, see you soon.',
    ]);
    assert.deepEqual(context.around(['Caroline went to a support group.']), []);
  });
});
