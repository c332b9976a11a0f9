import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractMemories } from '../../src/extraction/rule-based/rule-based-extractor.js';
import { EvidenceContext } from '../../src/ingestion/evidence-context.js';
import { withRawTurns } from '../../src/ingestion/raw-turns.js';
import { readExportWhen } from '../../src/parsing/export-dates.js';
import { parseDocument } from '../../src/parsing/index.js';

// The export was taken on Saturday 16 March 2024: "Today" is the 16th, "Yesterday" the 15th.
const CREATED_AT = '2024-03-16T10:00:00.000Z';

function parseChat(text: string, createdAt = CREATED_AT) {
  return parseDocument({ text, documentType: 'ai-chat-conversation', createdAt });
}

const rows = (text: string, createdAt?: string) =>
  parseChat(text, createdAt).segments.map((segment) => [
    segment.speaker,
    segment.timestamp,
    segment.sourceLine,
  ]);

describe('parseDocument: Slack pasted (name and clock above the messages)', () => {
  const slack = [
    'Thursday, March 14th',
    'maya  10:42 AM',
    'ok so the interview went well i think',
    'they want a second round on thursday',
    'sam_k  10:45 AM',
    'omg nice!!',
    'Yesterday',
    'maya  11:58 PM',
    'cant sleep lol',
    'sam_k  12:03 AM',
    'same, thinking about the move',
  ].join('\n');

  it('makes each line under a header a message of its own, dated by divider and clock', () => {
    assert.deepEqual(rows(slack), [
      ['maya', '2024-03-14T10:42:00.000Z', 'ok so the interview went well i think'],
      ['maya', '2024-03-14T10:42:00.000Z', 'they want a second round on thursday'],
      ['sam_k', '2024-03-14T10:45:00.000Z', 'omg nice!!'],
      ['maya', '2024-03-15T23:58:00.000Z', 'cant sleep lol'],
      // Past midnight with no divider: the next day.
      ['sam_k', '2024-03-16T00:03:00.000Z', 'same, thinking about the move'],
    ]);
    const document = parseChat(slack);
    assert.deepEqual(document.participants, ['maya', 'sam_k']);
    assert.equal(document.attributes['format'], 'chat-export');
  });

  it('reads the older "name [10:42 AM]" header and a capitalised full name', () => {
    const text =
      'Maya Chen [10:42 AM]\nhi all\nBo [10:44 AM]\nhey\nMaya Chen [10:50 AM]\nlunch?\nBo [10:51 AM]\nsure';
    assert.deepEqual(
      parseChat(text).segments.map((segment) => segment.speaker),
      ['Maya Chen', 'Bo', 'Maya Chen', 'Bo'],
    );
  });

  it('keeps a one-off "see you 10:30" and a reply "yesterday" as messages', () => {
    const text = [
      'maya  9:00 AM',
      'coffee?',
      'see you 10:30',
      'sam_k  9:01 AM',
      'when did you get back',
      'maya  9:02 AM',
      'yesterday',
      'sam_k  9:03 AM',
      'nice',
    ].join('\n');
    assert.deepEqual(
      parseChat(text).segments.map((segment) => [segment.speaker, segment.text]),
      [
        ['maya', 'coffee?'],
        ['maya', 'see you 10:30'],
        ['sam_k', 'when did you get back'],
        ['maya', 'yesterday'],
        ['sam_k', 'nice'],
      ],
    );
  });
});

describe('parseDocument: Discord', () => {
  it('reads "name — date time" and "name — Today at" headers', () => {
    const text = [
      'maya — 03/14/2024 9:12 PM',
      'anyone up for ranked?',
      'dj-k — 03/14/2024 9:15 PM',
      'in 10',
      'maya — Yesterday at 11:02 PM',
      'gg',
      'dj-k — Today at 8:01 AM',
      'gg last night',
    ].join('\n');
    assert.deepEqual(rows(text), [
      ['maya', '2024-03-14T21:12:00.000Z', 'anyone up for ranked?'],
      ['dj-k', '2024-03-14T21:15:00.000Z', 'in 10'],
      ['maya', '2024-03-15T23:02:00.000Z', 'gg'],
      ['dj-k', '2024-03-16T08:01:00.000Z', 'gg last night'],
    ]);
  });

  it('reads day-first header dates when the document settles the order', () => {
    const text = 'lena — 25/03/2024 21:12\nback home\nbo — 03/04/2024 08:00\nmorning';
    assert.deepEqual(
      parseChat(text).segments.map((segment) => segment.timestamp),
      ['2024-03-25T21:12:00.000Z', '2024-04-03T08:00:00.000Z'],
    );
  });

  it('reads exporter headers "[date time] name#1234" and inline "[3:04 PM] name: text"', () => {
    const exported = '[3/14/2024 9:12 PM] maya#1234\nanyone up\n\n[3/15/2024 9:15 PM] dj_k#0001\nin 10';
    assert.deepEqual(rows(exported), [
      ['maya', '2024-03-14T21:12:00.000Z', 'anyone up'],
      ['dj_k', '2024-03-15T21:15:00.000Z', 'in 10'],
    ]);
    assert.deepEqual(rows('[3:04 PM] maya: hi\n[3:05 PM] dj_k: yo'), [
      ['maya', '2024-03-16T15:04:00.000Z', 'maya: hi'],
      ['dj_k', '2024-03-16T15:05:00.000Z', 'dj_k: yo'],
    ]);
  });
});

describe('parseDocument: iMessage-style exports (date line, sender line, text)', () => {
  const imessage = [
    'Mar 14, 2024  9:12:03 PM',
    '+15551234567',
    'hey is this sam?',
    '',
    'Mar 14, 2024  9:13:45 PM (Read by +15551234567 after 2 minutes)',
    'Me',
    "yes! who's this",
    '',
    'Mar 15, 2024  8:00:00 AM',
    '+15551234567',
    "it's jake from the climbing gym",
    'i start the new job tomorrow',
  ].join('\n');

  it('dates each message by its own date line and credits its sender line', () => {
    assert.deepEqual(rows(imessage), [
      ['+15551234567', '2024-03-14T21:12:03.000Z', 'hey is this sam?'],
      ['Me', '2024-03-14T21:13:45.000Z', "yes! who's this"],
      ['+15551234567', '2024-03-15T08:00:00.000Z', "it's jake from the climbing gym"],
      ['+15551234567', '2024-03-15T08:00:00.000Z', 'i start the new job tomorrow'],
    ]);
  });

  it('carries speaker and day into memories: "tomorrow" is the day after its own message', () => {
    const document = parseChat(imessage);
    const memories = withRawTurns(document, extractMemories(document, { mode: 'long-range' }));
    const job = memories.find((memory) => memory.content.includes('job'));
    assert.equal(job?.subject, '+15551234567');
    assert.deepEqual(job?.sourceEvidence, ['i start the new job tomorrow']);
    assert.equal(job?.eventDate?.slice(0, 10), '2024-03-16');
    const reply = memories.find((memory) => memory.sourceEvidence.includes("yes! who's this"));
    assert.equal(reply?.subject, 'Me');
  });
});

describe('header exports downstream', () => {
  it('memories of a Slack paste carry the speaker of their header and the day of their divider', () => {
    const text = [
      'Monday, March 11th',
      'maya  9:00 AM',
      'i adopted a greyhound called biscuit',
      'sam_k  9:05 AM',
      'omg pics please',
      'Wednesday, March 13th',
      'sam_k  6:30 PM',
      'i finally booked the flights to lisbon',
      'maya  6:31 PM',
      'yesss',
    ].join('\n');
    const document = parseChat(text);
    const memories = withRawTurns(document, extractMemories(document, { mode: 'long-range' }));
    const dog = memories.find((memory) =>
      memory.sourceEvidence.includes('i adopted a greyhound called biscuit'),
    );
    const flights = memories.find((memory) =>
      memory.sourceEvidence.includes('i finally booked the flights to lisbon'),
    );
    assert.equal(dog?.subject, 'maya');
    assert.equal(flights?.subject, 'sam_k');
    const timestamps = new Map(document.segments.map((segment) => [segment.sourceLine, segment.timestamp]));
    assert.equal(timestamps.get('i finally booked the flights to lisbon'), '2024-03-13T18:30:00.000Z');
  });

  it('evidence context follows header speakers and never offers a header line', () => {
    const text = [
      'sam_k  9:00 AM',
      'how did the interview go??',
      'maya  9:02 AM',
      'ok so',
      'it went well i think',
      'sam_k  9:03 AM',
      'yay',
      'maya  9:04 AM',
      'thanks!',
    ].join('\n');
    const context = new EvidenceContext(text);
    assert.deepEqual(context.around(['it went well i think']), [
      'how did the interview go??',
      'ok so',
      'yay',
    ]);
  });
});

describe('readExportWhen', () => {
  it('reads days and clocks as exports write them, and refuses other text', () => {
    assert.deepEqual(readExportWhen('Today at 9:12 PM'), {
      day: { kind: 'relative', daysBack: 0 },
      time: { hours: 21, minutes: 12, seconds: 0 },
    });
    assert.deepEqual(readExportWhen('14-Mar-24 09:12 PM')?.day, {
      kind: 'date',
      day: { year: 2024, month: 3, day: 14 },
      yearWritten: true,
    });
    assert.deepEqual(readExportWhen('Thursday, March 14th')?.day, {
      kind: 'date',
      day: { year: 0, month: 3, day: 14 },
      yearWritten: false,
    });
    assert.equal(readExportWhen('see you at 9:12 PM'), undefined);
    assert.equal(readExportWhen('12:75'), undefined);
  });
});
