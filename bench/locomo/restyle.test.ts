import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildIngestionDocuments, parseLocomo } from './locomo-dataset.js';
import { casualSample, casualText, restyleSample } from './restyle.js';
import { TurnIndex } from './scoring.js';
import { syntheticLocomoJson } from './synthetic-locomo-fixture.js';

describe('restyleSample', () => {
  const [sample] = parseLocomo(syntheticLocomoJson());
  if (sample === undefined) throw new Error('fixture has a sample');
  const restyled = restyleSample(sample);

  it('writes lower-case handles and one message per sentence, mapped to the same turn', () => {
    const lines = restyled.turns.map((turn) => turn.line);
    assert.ok(lines.includes('ana: I adopted a puppy named Biscuit last weekend!'));
    assert.ok(lines.includes('ben_x: So cute!'));
    assert.ok(
      lines.includes('ben_x: Here is my garden. [shares a photo: a photo of tomatoes growing in a garden]'),
    );
    const index = new TurnIndex(restyled.turns);
    assert.equal(index.turnFor('ben_x: So cute!'), 'D2:2');
    assert.equal(index.turnFor('BEN_X: here is my garden.'), 'D2:2');
  });

  it('joins sessions in pairs into one document dated by the first', () => {
    const documents = buildIngestionDocuments(restyled);
    assert.equal(documents.length, 1);
    assert.equal(documents[0]?.createdAt, sample.sessions[0]?.date);
    assert.equal(documents[0]?.text.split('\n').length, restyled.turns.length);
    assert.deepEqual(restyled.questions, sample.questions);
  });
});

describe('casualSample', () => {
  const [sample] = parseLocomo(syntheticLocomoJson());
  if (sample === undefined) throw new Error('fixture has a sample');

  it('types every message in lower case without apostrophes or full stops, keeping the turn ids', () => {
    const casual = casualSample(sample);
    const restyled = restyleSample(sample);
    assert.equal(casual.turns.length, restyled.turns.length);
    assert.deepEqual(
      casual.turns.map((turn) => turn.diaId),
      restyled.turns.map((turn) => turn.diaId),
    );
    assert.ok(
      casual.turns.map((turn) => turn.line).includes('ana: i adopted a puppy named biscuit last weekend!'),
    );
    assert.deepEqual(casual.questions, sample.questions);
  });

  it('keeps decimals and drops only sentence-final stops', () => {
    assert.equal(casualText("I'm at 3.5 km. Don't wait..."), 'im at 3.5 km dont wait');
  });
});
