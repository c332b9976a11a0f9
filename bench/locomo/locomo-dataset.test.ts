import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildIngestionDocuments, cleanEvidence, parseLocomo, turnLine } from './locomo-dataset.js';
import { parseSessionDate } from './session-date.js';
import { syntheticLocomoJson } from './synthetic-locomo-fixture.js';

describe('parseSessionDate', () => {
  it('reads the LoCoMo wording as UTC wall-clock time', () => {
    assert.equal(parseSessionDate('1:56 pm on 8 May, 2023'), '2023-05-08T13:56:00.000Z');
    assert.equal(parseSessionDate('10:04 am on 19 December, 2023'), '2023-12-19T10:04:00.000Z');
  });

  it('treats 12 am as midnight and 12 pm as noon', () => {
    assert.equal(parseSessionDate('12:05 am on 1 January, 2024'), '2024-01-01T00:05:00.000Z');
    assert.equal(parseSessionDate('12:30 pm on 1 January, 2024'), '2024-01-01T12:30:00.000Z');
  });

  it('accepts abbreviations, a missing comma and upper-case meridiems', () => {
    assert.equal(parseSessionDate('7:00 PM on 2 Sept 2022'), '2022-09-02T19:00:00.000Z');
  });

  it('rejects impossible dates and other shapes', () => {
    assert.throws(() => parseSessionDate('1:00 pm on 31 June, 2023'), /impossible/);
    assert.throws(() => parseSessionDate('13:00 pm on 1 June, 2023'), /unrecognised/);
    assert.throws(() => parseSessionDate('2023-06-01'), /unrecognised/);
    assert.throws(() => parseSessionDate('1:00 pm on 1 Ju, 2023'), /unrecognised/);
  });
});

describe('cleanEvidence', () => {
  const ids = new Set(['D1:1', 'D1:2', 'D8:6', 'D9:17', 'D30:5']);

  it('splits packed entries and drops ids that name no turn', () => {
    assert.deepEqual(cleanEvidence(['D8:6; D9:17'], ids), ['D8:6', 'D9:17']);
    assert.deepEqual(cleanEvidence(['D:11:26', 'D30:05', 'D', 'D1:2'], ids), ['D1:2']);
    assert.deepEqual(cleanEvidence(['D1:1 D1:2'], ids), ['D1:1', 'D1:2']);
  });

  it('keeps the first occurrence of a repeated id', () => {
    assert.deepEqual(cleanEvidence(['D1:2', 'D1:1', 'D1:2'], ids), ['D1:2', 'D1:1']);
    assert.deepEqual(cleanEvidence([], ids), []);
  });
});

describe('parseLocomo', () => {
  const [sample, second] = parseLocomo(syntheticLocomoJson());

  it('orders sessions chronologically whatever the key order', () => {
    assert.deepEqual(
      sample!.sessions.map((session) => [session.number, session.date]),
      [
        [1, '2023-05-08T13:56:00.000Z'],
        [2, '2023-06-03T09:15:00.000Z'],
      ],
    );
    assert.deepEqual(
      sample!.turns.map((turn) => turn.diaId),
      ['D1:1', 'D1:2', 'D1:3', 'D2:1', 'D2:2', 'D2:3'],
    );
  });

  it('stringifies answers and cleans evidence per question', () => {
    const questions = sample!.questions;
    assert.deepEqual(
      questions.map((question) => [question.category, question.answer, question.evidence]),
      [
        [4, 'Sunsets', ['D1:1']],
        [2, '2023', ['D2:1']],
        [1, 'the Alps; tomatoes', ['D1:2', 'D2:2']],
        [3, 'Yes', []],
        [5, 'a puppy', ['D2:1']],
      ],
    );
    assert.equal(second!.questions[0]!.index, 0);
  });

  it('rejects files that are not in the LoCoMo shape', () => {
    const missingDate = syntheticLocomoJson() as { conversation: Record<string, unknown> }[];
    delete missingDate[1]!.conversation['session_1_date_time'];
    assert.throws(() => parseLocomo(missingDate), /syn-2 session_1: missing session_1_date_time/);
    const badCategory = syntheticLocomoJson() as { qa: { category: number }[] }[];
    badCategory[0]!.qa[0]!.category = 6;
    assert.throws(() => parseLocomo(badCategory), /not a LoCoMo file/);
    assert.throws(() => parseLocomo({}), /not a LoCoMo file/);
  });
});

describe('buildIngestionDocuments', () => {
  const [sample] = parseLocomo(syntheticLocomoJson());
  const documents = buildIngestionDocuments(sample!);

  it('makes one document per session, chronological, with protocol ids and dates', () => {
    assert.deepEqual(
      documents.map((document) => [document.documentId, document.createdAt]),
      [
        ['syn-1-s1', '2023-05-08T13:56:00.000Z'],
        ['syn-1-s2', '2023-06-03T09:15:00.000Z'],
      ],
    );
  });

  it('writes one "<speaker>: <text>" line per turn, with the photo suffix', () => {
    assert.equal(
      documents[0]!.text,
      'Ana: Hi Ben! I started painting sunsets at the lake.\n' +
        'Ben: Nice. I went hiking in the Alps with my sister.\n' +
        'Ana: See you!',
    );
    assert.equal(
      documents[1]!.text.split('\n')[1],
      'Ben: So cute! Here is my garden. [shares a photo: a photo of tomatoes growing in a garden]',
    );
  });

  it('adds no suffix for an empty caption', () => {
    assert.equal(turnLine('Ana', 'Hello', ''), 'Ana: Hello');
    assert.equal(turnLine('Ana', 'Hello', 'a cat'), 'Ana: Hello [shares a photo: a cat]');
  });
});
