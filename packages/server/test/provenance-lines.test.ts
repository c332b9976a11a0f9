// Which source lines the console highlights as a memory's evidence.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { provenanceLines } from '../src/console/provenance-lines.js';

describe('provenance lines', () => {
  const document = ['Nina: I live in Denver.', '', 'Omar: I love   pottery.', 'Nina: Bye!'].join('\n');

  it('numbers every line and marks the ones holding evidence, whitespace and case aside', () => {
    const lines = provenanceLines(document, ['omar: i love pottery.']);
    assert.deepEqual(
      lines.map((line) => [line.number, line.evidence]),
      [
        [1, false],
        [2, false],
        [3, true],
        [4, false],
      ],
    );
    assert.equal(lines[2]?.text, 'Omar: I love   pottery.');
  });

  it('marks each line of a quote that spans lines, and a sentence cut from a line', () => {
    const spanning = provenanceLines(document, ['Nina: I live in Denver. Omar: I love pottery.']);
    assert.deepEqual(
      spanning.filter((line) => line.evidence).map((line) => line.number),
      [1, 3],
    );
    const cut = provenanceLines('Ann: I moved. I have a dog named Rex.', ['I have a dog named Rex.']);
    assert.equal(cut[0]?.evidence, true);
  });

  it('marks nothing without evidence, and never a blank or tiny line', () => {
    assert.ok(provenanceLines(document, []).every((line) => !line.evidence));
    assert.ok(provenanceLines('ok\nyes', ['ok yes indeed']).every((line) => !line.evidence));
  });
});
