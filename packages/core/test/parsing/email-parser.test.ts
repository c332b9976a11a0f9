import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type EmailAttributes, parseDocument } from '../../src/parsing/index.js';

const CREATED_AT = '2024-03-04T08:00:00.000Z';
const EMAIL = [
  'From: "Okafor, Ngozi" <ngozi.okafor@example.com>',
  'To: Dan Reyes <dan@example.com>',
  'Cc: lena.fischer@example.com',
  'Subject: Re: Venue for the offsite',
  'Date: Mon, 4 Mar 2024 09:15:00 +0000',
  '',
  'Hi Dan,',
  '',
  'I booked the lake house in Hallstatt for the offsite. Please send the final headcount by Friday.',
  '',
  'Can you also check the train times?',
  '',
  'Best,',
  'Ngozi',
  'Head of Operations',
  '',
  'On Sun, 3 Mar 2024 at 18:00, Dan Reyes <dan@example.com> wrote:',
  '> Any news on the venue?',
].join('\n');

describe('parseDocument: email', () => {
  const document = parseDocument({ text: EMAIL, documentType: 'email', createdAt: CREATED_AT });
  const attributes = document.attributes as unknown as EmailAttributes;

  it('reads the headers into attributes', () => {
    assert.equal(attributes.sender, 'Ngozi Okafor');
    assert.equal(attributes.senderAddress, 'ngozi.okafor@example.com');
    assert.deepEqual(attributes.recipients, ['Dan Reyes']);
    assert.deepEqual(attributes.cc, ['Lena Fischer']);
    assert.equal(attributes.subject, 'Re: Venue for the offsite');
    assert.equal(attributes.date, '2024-03-04T09:15:00.000Z');
    assert.deepEqual(document.participants, ['Ngozi Okafor', 'Dan Reyes', 'Lena Fischer']);
  });

  it('makes the subject and body paragraphs segments spoken by the sender', () => {
    assert.deepEqual(
      document.segments.map((segment) => [segment.speaker, segment.sourceLine]),
      [
        ['Ngozi Okafor', 'Subject: Re: Venue for the offsite'],
        [
          'Ngozi Okafor',
          'I booked the lake house in Hallstatt for the offsite. Please send the final headcount by Friday.',
        ],
        ['Ngozi Okafor', 'Can you also check the train times?'],
      ],
    );
    assert.equal(document.segments[0]?.text, 'Venue for the offsite');
    assert.ok(document.segments.every((segment) => segment.timestamp === '2024-03-04T09:15:00.000Z'));
  });

  it('sets the greeting, signature and quoted reply apart', () => {
    assert.equal(attributes.greeting, 'Hi Dan,');
    assert.equal(attributes.signature, 'Best,\nNgozi\nHead of Operations');
    assert.match(attributes.quotedText ?? '', /Any news on the venue\?/);
    assert.ok(document.segments.every((segment) => !segment.text.includes('Any news')));
  });

  it('lists requests as action items with owner and due date', () => {
    assert.deepEqual(
      attributes.actionItems.map((item) => [item.text, item.owner, item.segmentIndex]),
      [
        ['Please send the final headcount by Friday.', 'Dan Reyes', 1],
        ['Can you also check the train times?', 'Dan Reyes', 2],
      ],
    );
    assert.equal(attributes.actionItems[0]?.due?.slice(0, 10), '2024-03-08');
  });

  it('treats text without headers as a body with no known sender, and empty text as nothing', () => {
    const bare = parseDocument({
      text: 'TODO: renew the passport.',
      documentType: 'email',
      createdAt: CREATED_AT,
    });
    assert.equal(bare.segments.length, 1);
    assert.equal(bare.segments[0]?.speaker, undefined);
    assert.equal((bare.attributes as unknown as EmailAttributes).actionItems.length, 1);
    assert.equal(
      parseDocument({ text: '', documentType: 'email', createdAt: CREATED_AT }).segments.length,
      0,
    );
  });
});
