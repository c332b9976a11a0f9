import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractMemories } from '../../src/extraction/rule-based/rule-based-extractor.js';
import { parseDocument } from '../../src/parsing/index.js';

const CREATED_AT = '2023-05-08T13:56:00.000Z';

function parseChat(text: string) {
  return parseDocument({ text, documentType: 'ai-chat-conversation', createdAt: CREATED_AT });
}

describe('parseDocument: ai-chat-conversation', () => {
  it('makes one segment per "Name: text" line with the verbatim line as sourceLine', () => {
    const document = parseChat(
      'Priya: I adopted a greyhound last week.\nTomas:   Oh nice, what is her name?  \n',
    );
    assert.equal(document.segments.length, 2);
    assert.deepEqual(document.participants, ['Priya', 'Tomas']);
    assert.deepEqual(
      document.segments.map((segment) => [segment.index, segment.speaker, segment.text, segment.sourceLine]),
      [
        [0, 'Priya', 'I adopted a greyhound last week.', 'Priya: I adopted a greyhound last week.'],
        [1, 'Tomas', 'Oh nice, what is her name?', 'Tomas:   Oh nice, what is her name?'],
      ],
    );
    assert.equal(document.segments[0]?.timestamp, CREATED_AT);
    assert.equal(document.attributes['format'], 'speaker-turns');
  });

  it('reads User/Assistant roles, markdown bold labels and clock prefixes', () => {
    const document = parseChat(
      '[10:32] User: I need a vegan recipe.\n**Assistant:** Try a lentil curry.\nuser: thanks',
    );
    assert.deepEqual(document.participants, ['User', 'Assistant', 'user']);
    assert.equal(document.segments[0]?.sourceLine, 'User: I need a vegan recipe.');
    assert.equal(document.segments[0]?.timestamp, '2023-05-08T10:32:00.000Z');
    assert.equal(document.segments[1]?.text, 'Try a lentil curry.');
    assert.equal(document.segments[2]?.speaker, 'user');
  });

  it('continues a turn on unlabelled lines and keeps every line in sourceLine', () => {
    const document = parseChat(
      'Ana: Two things:\nI moved to Lisbon.\nAnd I started a new job.\nBen: Congrats!',
    );
    assert.equal(document.segments.length, 2);
    assert.equal(document.segments[0]?.text, 'Two things:\nI moved to Lisbon.\nAnd I started a new job.');
    assert.equal(
      document.segments[0]?.sourceLine,
      'Ana: Two things:\nI moved to Lisbon.\nAnd I started a new job.',
    );
  });

  it('does not take prose colons, URLs or headers for speakers', () => {
    const document = parseChat('Ana: see https://example.org\nNote: the venue changed.\nthe reason: rain');
    assert.equal(document.segments.length, 1);
    assert.equal(
      document.segments[0]?.text,
      'see https://example.org\nNote: the venue changed.\nthe reason: rain',
    );
  });

  it('falls back to speaker-less prose when no line has a label', () => {
    const document = parseChat('I love climbing. My gym is in Leeds.\n\nI go every Tuesday.');
    assert.equal(document.attributes['format'], 'prose-fallback');
    assert.deepEqual(document.participants, []);
    assert.deepEqual(
      document.segments.map((segment) => [segment.speaker, segment.sourceLine]),
      [
        [undefined, 'I love climbing. My gym is in Leeds.'],
        [undefined, 'I go every Tuesday.'],
      ],
    );
  });

  it('gives no segments for empty text and skips labels without text', () => {
    assert.equal(parseChat('').segments.length, 0);
    assert.equal(parseChat('   \n\n ').segments.length, 0);
    const document = parseChat('Ana:\nBen: hello');
    assert.deepEqual(document.participants, ['Ana', 'Ben']);
    assert.equal(document.segments.length, 1);
  });

  it('throws a RangeError for an invalid createdAt (a programmer error)', () => {
    assert.throws(
      () => parseDocument({ text: 'Ana: hi', documentType: 'ai-chat-conversation', createdAt: 'yesterday' }),
      RangeError,
    );
  });
});

describe('parseDocument: chat handles of any case or form', () => {
  const turnsOf = (text: string) =>
    parseChat(text).segments.map((segment) => [segment.speaker, segment.sourceLine]);

  it('reads lower-case handles as speakers, each line its own turn', () => {
    const text = [
      'maya: ok so the interview went well i think',
      'maya: they want a second round on thursday',
      'sam_k: omg nice!!',
      'maya: fingers crossed lol',
    ].join('\n');
    assert.deepEqual(turnsOf(text), [
      ['maya', 'maya: ok so the interview went well i think'],
      ['maya', 'maya: they want a second round on thursday'],
      ['sam_k', 'sam_k: omg nice!!'],
      ['maya', 'maya: fingers crossed lol'],
    ]);
    assert.deepEqual(parseChat(text).participants, ['maya', 'sam_k']);
  });

  it('reads usernames with digits, @handles and emoji names', () => {
    const text = ['user123: hey', '🌸mia: hiii', '@jo.p: sup', 'user123: not much', '🌸mia: same'].join('\n');
    assert.deepEqual(
      parseChat(text).segments.map((segment) => segment.speaker),
      ['user123', '🌸mia', '@jo.p', 'user123', '🌸mia'],
    );
  });

  it('reads a short exchange where each handle speaks once', () => {
    assert.deepEqual(turnsOf('dan: running late, 10 min\nlea: np'), [
      ['dan', 'dan: running late, 10 min'],
      ['lea', 'lea: np'],
    ]);
  });

  it('keeps a one-off lower-case colon phrase inside the turn it belongs to', () => {
    const text = 'Ana: two options\nthe reason: rain\nBen: ok\nAna: fine';
    assert.deepEqual(turnsOf(text), [
      ['Ana', 'Ana: two options\nthe reason: rain'],
      ['Ben', 'Ben: ok'],
      ['Ana', 'Ana: fine'],
    ]);
  });

  it('never takes clock times, note headers or URLs for handles', () => {
    const text =
      'kai: meet at\n10:30: the usual place\nnote: bring cash\nkai: https://maps.example/x\nkai: see you';
    const document = parseChat(text);
    assert.deepEqual(
      document.segments.map((segment) => segment.speaker),
      ['kai', 'kai', 'kai'],
    );
    assert.equal(document.segments[0]?.text, 'meet at\n10:30: the usual place\nnote: bring cash');
  });
});

describe('parseDocument: chat exports with a timestamp on every message', () => {
  const timesOf = (text: string) =>
    parseChat(text).segments.map((segment) => [segment.speaker, segment.timestamp, segment.sourceLine]);

  it('reads WhatsApp iOS exports, dating each message by its own day (day-first settled by 25/03)', () => {
    const text = [
      '[25/03/2024, 19:42:10] maya: landed!!',
      '[25/03/2024, 19:43:01] sam_k: yay',
      '[03/04/2024, 08:05:00] maya: dentist at 3 today',
    ].join('\n');
    assert.deepEqual(timesOf(text), [
      ['maya', '2024-03-25T19:42:10.000Z', 'maya: landed!!'],
      ['sam_k', '2024-03-25T19:43:01.000Z', 'sam_k: yay'],
      ['maya', '2024-04-03T08:05:00.000Z', 'maya: dentist at 3 today'],
    ]);
  });

  it('reads WhatsApp Android and US exports with a dash and AM/PM', () => {
    const text = [
      '3/5/24, 7:42\u202fPM - maya: on my way',
      '3/5/24, 7:50 PM - Sam: ok',
      '3/14/24, 9:01 AM - maya: pi day',
    ].join('\n');
    assert.deepEqual(timesOf(text), [
      ['maya', '2024-03-05T19:42:00.000Z', 'maya: on my way'],
      ['Sam', '2024-03-05T19:50:00.000Z', 'Sam: ok'],
      ['maya', '2024-03-14T09:01:00.000Z', 'maya: pi day'],
    ]);
  });

  it("reads an unsaved contact's phone number as a speaker once it recurs", () => {
    const text = [
      '[25/03/2024, 19:42:10] +44 7700 900123: hey its jake from climbing',
      '[25/03/2024, 19:43:01] Lena: oh hi!',
      '[25/03/2024, 19:44:00] +44 7700 900123: trip is on the 30th',
    ].join('\n');
    assert.deepEqual(
      parseChat(text).segments.map((segment) => segment.speaker),
      ['+44 7700 900123', 'Lena', '+44 7700 900123'],
    );
  });

  it('reads Telegram-style dotted dates, ISO dates and bare clocks', () => {
    assert.deepEqual(
      timesOf('[04.03.2024 21:15] lena: hi\n[2024-03-06 07:00] bo: morning\n[10:32] lena: hey')[0],
      ['lena', '2024-03-04T21:15:00.000Z', 'lena: hi'],
    );
    const segments = parseChat(
      '[04.03.2024 21:15] lena: hi\n[2024-03-06 07:00] bo: morning\n[10:32] lena: hey',
    ).segments;
    assert.equal(segments[1]?.timestamp, '2024-03-06T07:00:00.000Z');
    assert.equal(segments[2]?.timestamp, '2023-05-08T10:32:00.000Z');
  });

  it('dates relative words by the message, not the document', () => {
    const document = parseDocument({
      text: '[01.03.2024 10:00] maya: hi\n[05.03.2024 18:00] maya: i start the new job tomorrow',
      documentType: 'ai-chat-conversation',
      createdAt: '2024-03-01T10:00:00.000Z',
    });
    assert.equal(document.segments[1]?.timestamp, '2024-03-05T18:00:00.000Z');
    const job = extractMemories(document, { mode: 'long-range' }).find((memory) =>
      memory.content.includes('job'),
    );
    assert.equal(job?.eventDate?.slice(0, 10), '2024-03-06');
  });
});
