import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DocumentType } from '../../../src/domain/memory.js';
import { extractMemories } from '../../../src/extraction/index.js';
import { parseDocument } from '../../../src/parsing/index.js';

const CREATED_AT = '2024-03-04T08:00:00.000Z';

function extract(text: string, documentType: DocumentType) {
  const document = parseDocument({ text, documentType, createdAt: CREATED_AT });
  return { document, memories: extractMemories(document, { mode: 'long-range' }) };
}

describe('extraction from other document types', () => {
  it('email: the sender is "I" and "me", the single recipient "you", requests resolve forward', () => {
    const { memories } = extract(
      [
        'From: Ngozi Okafor <ngozi@example.com>',
        'To: Dan Reyes <dan@example.com>',
        'Subject: Offsite',
        '',
        'I booked the lake house in Hallstatt. Please send me the headcount by Friday.',
        '',
        'I know you prefer the window seat, so I reserved one for you.',
      ].join('\n'),
      'email',
    );
    const booking = memories.find((memory) => /lake house/.test(memory.content));
    assert.equal(
      booking?.content,
      'Ngozi Okafor booked the lake house in Hallstatt. Please send Ngozi Okafor the headcount by Friday, 8 March 2024.',
    );
    assert.equal(booking?.subject, 'Ngozi Okafor');
    const seat = memories.find((memory) => /window seat/.test(memory.content));
    assert.match(seat?.content ?? '', /^Ngozi Okafor knows Dan Reyes prefers the window seat/);
    assert.deepEqual(seat?.sourceEvidence, ['I know you prefer the window seat, so I reserved one for you.']);
  });

  it('meeting transcript: every informative turn is cited by its labelled line', () => {
    const { document, memories } = extract(
      [
        'Attendees: Alice, Bob',
        'Alice: Thanks for joining.',
        "Bob: Let's go with July 15 for the launch.",
        "Alice: I'm worried about the docs though.",
      ].join('\n'),
      'meeting-transcript',
    );
    const cited = new Set(memories.flatMap((memory) => memory.sourceEvidence));
    assert.deepEqual([...cited].sort(), [
      "Alice: I'm worried about the docs though.",
      "Bob: Let's go with July 15 for the launch.",
    ]);
    const launch = memories.find((memory) => memory.type === 'temporal_event');
    assert.equal(launch?.eventDate?.slice(0, 10), '2024-07-15');
    const worry = memories.find((memory) => memory.type === 'emotion');
    assert.deepEqual([worry?.subject, worry?.emotionType], ['Alice', 'anxious']);
    assert.equal(document.segments.length, 3);
  });

  it('document: speaker-less facts keep their wording and get document confidence', () => {
    const { memories } = extract(
      'Acme Robotics was founded in 2015 in Eindhoven. The company employs 120 people.',
      'document',
    );
    const base = memories[0];
    assert.equal(
      base?.content,
      'Acme Robotics was founded in 2015 in Eindhoven. The company employs 120 people.',
    );
    assert.equal(base?.subject, undefined);
    assert.equal(base?.confidence, 0.85);
    assert.equal(base?.eventDate?.slice(0, 4), '2015');
    assert.deepEqual(
      base?.entities.filter((entity) => entity.type !== 'date'),
      [
        { name: 'Acme Robotics', type: 'organization' },
        { name: 'Eindhoven', type: 'place' },
      ],
    );
  });

  it('assistant turns are less certain and state no preferences or feelings', () => {
    const { memories } = extract(
      'User: I love hiking in the Alps.\nAssistant: I love that idea! The Alps have great trails.',
      'ai-chat-conversation',
    );
    const user = memories.find((memory) => memory.subject === 'User' && memory.type === 'preference');
    assert.equal(user?.content, 'User loves hiking in the Alps.');
    assert.equal(user?.category, 'fitness');
    const assistant = memories.filter((memory) => memory.sourceEvidence[0]?.startsWith('Assistant:'));
    assert.ok(assistant.length > 0);
    assert.ok(assistant.every((memory) => memory.type !== 'preference' && memory.type !== 'emotion'));
    assert.ok(assistant.every((memory) => memory.confidence < 0.7));
  });
});
