import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseLocomo } from './locomo-dataset.js';
import { TurnIndex } from './scoring.js';

const sample = (format: string) => ({
  sample_id: 'x',
  export_format: format,
  conversation: {
    speaker_a: 'maya',
    speaker_b: 'sam_k',
    session_1_date_time: '9:00 pm on 14 March, 2024',
    session_1: [
      { speaker: 'maya', dia_id: 'D1:1', text: 'ok so the interview went well', time: '2024-03-14T21:12' },
      { speaker: 'maya', dia_id: 'D1:2', text: 'second round thursday' },
      { speaker: 'sam_k', dia_id: 'D1:3', text: 'omg nice', time: '2024-03-15T08:05' },
    ],
  },
  qa: [],
});

describe('export layouts of own fixtures', () => {
  it('renders Slack with day dividers and one header per sender run', () => {
    const [parsed] = parseLocomo([sample('slack')]);
    assert.equal(
      parsed?.sessions[0]?.documentText,
      [
        'Thursday, March 14th',
        'maya  9:12 PM',
        'ok so the interview went well',
        'second round thursday',
        'Friday, March 15th',
        'sam_k  8:05 AM',
        'omg nice',
      ].join('\n'),
    );
  });

  it('renders Discord day-first and iMessage headers, and maps bare message lines to turns', () => {
    const [discord] = parseLocomo([sample('discord-day-first')]);
    assert.match(discord?.sessions[0]?.documentText ?? '', /^maya — 14\/03\/2024 21:12\n/);
    const [imessage] = parseLocomo([sample('imessage')]);
    assert.match(
      imessage?.sessions[0]?.documentText ?? '',
      /\n\nMar 14, 2024 {2}9:13:00 PM\nmaya\nsecond round thursday\n/,
    );
    const index = new TurnIndex(imessage?.turns ?? []);
    assert.equal(index.turnFor('second round thursday'), 'D1:2');
    assert.equal(index.turnFor('sam_k: omg nice'), 'D1:3');
  });

  it('refuses a malformed time and an unknown layout', () => {
    const bad = sample('slack');
    (bad.conversation.session_1[0] as { time?: string }).time = '14/03/2024 21:12';
    assert.throws(() => parseLocomo([bad]), /session_1 turn 0/);
    assert.throws(() => parseLocomo([sample('teams')]), /not a LoCoMo file/);
  });
});
