import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DocumentSegment, ParsedDocument } from '../../../src/domain/memory.js';
import { chunkSegments } from '../../../src/extraction/llm/chunk-segments.js';

const DATE = '2024-05-08T14:00:00.000Z';

function document(texts: string[]): ParsedDocument {
  const segments: DocumentSegment[] = texts.map((text, index) => ({
    index,
    speaker: index % 2 === 0 ? 'Caroline' : undefined,
    text,
    sourceLine: text,
    timestamp: index === 1 ? '2024-05-09T08:00:00.000Z' : DATE,
  }));
  return { documentType: 'document', createdAt: DATE, segments, participants: [], attributes: {} };
}

describe('chunkSegments', () => {
  it('numbers lines from 1, shows speakers and only dates that differ from the document', () => {
    const [chunk] = chunkSegments(document(['Hello there.', 'Second\nline.', 'Third.']), 6_000);
    assert.deepEqual(
      chunk?.lines.map((line) => line.text),
      ['[1] Caroline: Hello there.', '[2] (2024-05-09T08:00:00.000Z) Second line.', '[3] Caroline: Third.'],
    );
  });

  it('packs lines in order within the budget and skips blank segments', () => {
    const texts = Array.from({ length: 10 }, (_, index) => (index === 4 ? '  ' : `${index}`.repeat(90)));
    const chunks = chunkSegments(document(texts), 300);
    assert.ok(chunks.length > 1);
    for (const chunk of chunks) assert.ok(chunk.characters <= 300, `${chunk.characters}`);
    const numbers = chunks.flatMap((chunk) => chunk.lines.map((line) => line.number));
    assert.deepEqual(numbers, [1, 2, 3, 4, 6, 7, 8, 9, 10]);
  });

  it('splits one oversized segment into pieces that keep its line number', () => {
    const long = 'word '.repeat(400).trim();
    const chunks = chunkSegments(document(['short', long]), 500);
    const pieces = chunks.flatMap((chunk) => chunk.lines).filter((line) => line.number === 2);
    assert.ok(pieces.length >= 4);
    for (const chunk of chunks) assert.ok(chunk.characters <= 500);
    const rejoined = pieces.map((line) => line.text.replace('[2] (2024-05-09T08:00:00.000Z) ', '')).join(' ');
    assert.equal(rejoined, long);
  });

  it('returns no chunks for an empty document', () => {
    assert.deepEqual(chunkSegments(document([]), 6_000), []);
  });
});
