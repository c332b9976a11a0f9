import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type MeetingAttributes, parseDocument } from '../../src/parsing/index.js';

const CREATED_AT = '2024-06-10T14:00:00.000Z';
const TRANSCRIPT = [
  'Title: Launch planning',
  'Attendees: Alice (PM), Bob, Chen',
  '',
  '[00:00:12] Alice (PM): Thanks for joining. We need a launch date.',
  '[00:01:03] Bob: We decided last week that the beta ends in June.',
  'So July works for engineering.',
  "[00:02:40] SPEAKER 3: Let's go with July 15 then.",
  '[00:03:05] Alice (PM): Agreed. Bob will update the roadmap by Friday.',
  '',
  'Action items:',
  '- Chen to draft the announcement',
].join('\n');

describe('parseDocument: meeting-transcript', () => {
  const document = parseDocument({
    text: TRANSCRIPT,
    documentType: 'meeting-transcript',
    createdAt: CREATED_AT,
  });
  const attributes = document.attributes as unknown as MeetingAttributes;

  it('reads the header, attendees and roles', () => {
    assert.equal(attributes.title, 'Launch planning');
    assert.deepEqual(attributes.attendees, ['Alice', 'Bob', 'Chen', 'SPEAKER 3']);
    assert.deepEqual(attributes.roles, { Alice: 'PM' });
    assert.deepEqual(document.participants, attributes.attendees);
  });

  it('makes turns with verbatim labelled lines, continuations and elapsed timestamps', () => {
    assert.deepEqual(
      document.segments.map((segment) => [segment.speaker, segment.sourceLine]),
      [
        ['Alice', 'Alice (PM): Thanks for joining. We need a launch date.'],
        ['Bob', 'Bob: We decided last week that the beta ends in June.\nSo July works for engineering.'],
        ['SPEAKER 3', "SPEAKER 3: Let's go with July 15 then."],
        ['Alice', 'Alice (PM): Agreed. Bob will update the roadmap by Friday.'],
        [undefined, 'Chen to draft the announcement'],
      ],
    );
    assert.equal(document.segments[1]?.timestamp, '2024-06-10T14:01:03.000Z');
  });

  it('collects decisions', () => {
    assert.deepEqual(
      attributes.decisions.map((decision) => [decision.speaker, decision.text]),
      [
        ['Bob', 'We decided last week that the beta ends in June.'],
        ['SPEAKER 3', "Let's go with July 15 then."],
        ['Alice', 'Agreed.'],
      ],
    );
  });

  it('collects action items with owners and due dates', () => {
    const items = attributes.actionItems.map((item) => [item.owner, item.text, item.segmentIndex]);
    assert.deepEqual(items, [
      ['Bob', 'Bob will update the roadmap by Friday.', 3],
      ['Chen', 'Chen to draft the announcement', 4],
    ]);
    assert.equal(attributes.actionItems[0]?.due?.slice(0, 10), '2024-06-14');
  });

  it('gives no segments for empty text', () => {
    const empty = parseDocument({ text: '', documentType: 'meeting-transcript', createdAt: CREATED_AT });
    assert.equal(empty.segments.length, 0);
  });
});
