import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type DocumentSection, parseDocument } from '../../src/parsing/index.js';

const CREATED_AT = '2024-02-01T09:00:00.000Z';

describe('parseDocument: document, pdf, image, audio', () => {
  it('splits paragraphs at blank lines and headings, with verbatim sentences as sourceLine', () => {
    const text = [
      '# Team handbook',
      '',
      'Our office is in Utrecht. We open at nine.',
      '',
      'Benefits',
      '',
      'Everyone gets 28 days of leave.',
    ].join('\n');
    const document = parseDocument({ text, documentType: 'document', createdAt: CREATED_AT });
    assert.deepEqual(
      document.segments.map((segment) => segment.sourceLine),
      ['Our office is in Utrecht. We open at nine.', 'Everyone gets 28 days of leave.'],
    );
    assert.ok(
      document.segments.every((segment) => segment.speaker === undefined && segment.timestamp === CREATED_AT),
    );
    const sections = document.attributes['sections'] as DocumentSection[];
    assert.deepEqual(sections, [
      { title: 'Team handbook', segmentIndexes: [0] },
      { title: 'Benefits', segmentIndexes: [1] },
    ]);
  });

  it('splits a long paragraph into groups of at most three whole sentences', () => {
    const sentences = Array.from({ length: 7 }, (_, index) => `Sentence number ${index + 1} is here.`);
    const document = parseDocument({ text: sentences.join(' '), documentType: 'pdf', createdAt: CREATED_AT });
    assert.deepEqual(
      document.segments.map((segment) => segment.sourceLine),
      [sentences.slice(0, 3).join(' '), sentences.slice(3, 6).join(' '), sentences[6]],
    );
  });

  it('joins hard-wrapped lines and keeps list items apart', () => {
    const text = 'The invoice is due\non 3 March.\n\n- Pay by card\n- Or by transfer';
    const document = parseDocument({ text, documentType: 'image', createdAt: CREATED_AT });
    assert.deepEqual(
      document.segments.map((segment) => segment.text),
      ['The invoice is due on 3 March.', 'Pay by card', 'Or by transfer'],
    );
  });

  it('keeps a sentence-case one-liner as content, not as a heading', () => {
    const document = parseDocument({
      text: 'Meeting moved to Friday\n\nBring snacks.',
      documentType: 'document',
      createdAt: CREATED_AT,
    });
    assert.equal(document.segments[0]?.text, 'Meeting moved to Friday');
  });

  it('parses a mostly speaker-labelled audio transcript as turns', () => {
    const text = '[00:00:05] Host: Welcome back.\n[00:00:09] Guest: I grew up in Nairobi.';
    const document = parseDocument({ text, documentType: 'audio', createdAt: CREATED_AT });
    assert.deepEqual(document.participants, ['Host', 'Guest']);
    assert.equal(document.segments[1]?.sourceLine, 'Guest: I grew up in Nairobi.');
    assert.equal(document.segments[1]?.timestamp, '2024-02-01T09:00:09.000Z');
  });

  it('gives no segments for empty text', () => {
    assert.equal(
      parseDocument({ text: '', documentType: 'document', createdAt: CREATED_AT }).segments.length,
      0,
    );
  });
});
