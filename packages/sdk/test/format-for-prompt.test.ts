import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatForPrompt } from '../src/index.js';

describe('formatForPrompt (spec §3.6)', () => {
  it('renders nothing as ""', () => {
    assert.equal(formatForPrompt({}), '');
    assert.equal(
      formatForPrompt({ facts: [], profile: {}, conversations: [], conversation_context: '  ' }),
      '',
    );
  });

  it('renders every section under ## User Context, separated by blank lines', () => {
    const text = formatForPrompt({
      facts: [{ id: 'f1', content: 'Alice lives in Lyon.' }],
      preferences: [
        { id: 'p1', content: 'Black coffee', strength: 0.84 },
        { id: 'p2', content: 'Aisle seats', strength: 0.69 },
        { id: 'p3', content: 'Email over phone', confidence: 0.75 },
        { id: 'p4', content: 'Short answers', strength: 'explicit' },
      ],
      episodes: [
        { id: 'e1', summary: 'Moved house in May.' },
        { id: 'e2', content: 'Lost luggage in Rome.' },
      ],
      emotions: [
        { id: 'm1', emotion_type: 'frustrated', context: 'late refund', intensity: 0.5 },
        { id: 'm2', category: 'calm', content: 'after the fix', confidence: 0.49 },
      ],
      temporal_events: [
        {
          id: 't1',
          content: 'Gold tier',
          event_date: '2025-01-01T00:00:00Z',
          valid_until: '2025-12-31T23:00:00-05:00',
        },
        { id: 't2', content: 'Trip to Oslo', event_date: '2025-03-10' },
        { id: 't3', content: 'No date, dropped like the Python SDK does' },
      ],
      conversation_context: '## Summary\n\nAsked about a refund.',
    });
    assert.equal(
      text,
      [
        '## User Context',
        '',
        '### Facts',
        '- Alice lives in Lyon.',
        '',
        '### Preferences',
        '- Black coffee [strength: 0.8]',
        '- Aisle seats',
        '- Email over phone [strength: 0.8]',
        '- Short answers [strength: 1.0]',
        '',
        '### Episodes',
        '- Moved house in May.',
        '- Lost luggage in Rome.',
        '',
        '### Emotions',
        '- frustrated: late refund [intensity: 0.5]',
        '- calm: after the fix',
        '',
        '### Temporal Events',
        '- Gold tier [valid until: 2025-12-31]',
        '- Trip to Oslo',
        '',
        '### Conversation History',
        '## Summary',
        '',
        'Asked about a refund.',
      ].join('\n'),
    );
  });

  it('adds scope labels inside the same bracket, after the other extras', () => {
    const text = formatForPrompt(
      {
        facts: [
          { id: 'f1', content: 'A' },
          { id: 'f2', content: 'B' },
        ],
        preferences: [{ id: 'p1', content: 'C', strength: 0.9 }],
        scope_map: { f1: 'conversation', p1: 'user' },
      },
      { include_scope_labels: true },
    );
    assert.equal(
      text,
      '## User Context\n\n### Facts\n- A [scope: conversation]\n- B\n\n### Preferences\n- C [strength: 0.9, scope: user]',
    );
    assert.doesNotMatch(
      formatForPrompt({ facts: [{ id: 'f1', content: 'A' }], scope_map: { f1: 'user' } }),
      /scope/,
    );
  });

  it('renders ## Caller Profile and ## Previous Conversations after the user context', () => {
    const text = formatForPrompt({
      facts: [{ id: 'f1', content: 'A' }],
      profile: {
        attributes: {
          name: { value: 'Alice', confidence: 0.9 },
          languages: { value: ['French', 'English'] },
          unknown: { value: null },
          plan: 'gold',
        },
        overview: 'Long-time customer.',
      },
      conversations: [
        {
          conversation_type: 'support',
          started_at: '2025-04-02T10:00:00Z',
          summary_status: 'available',
          summary: { overview: 'Asked for a refund.', narrative: 'not this one' },
          classification: { primary_category: 'billing', subcategory: 'refund', objective: 'resolved' },
        },
        { started_at: '2025-04-03T09:00:00+02:00', summary_status: 'pending', summary: {} },
        { last_message_at: '2025-04-04T00:00:00Z', summary: { narrative_summary: 'Quick hello.' } },
      ],
    });
    assert.equal(
      text,
      [
        '## User Context',
        '',
        '### Facts',
        '- A',
        '',
        '## Caller Profile',
        '- name: Alice',
        '- languages: French, English',
        '- plan: gold',
        'Long-time customer.',
        '',
        '## Previous Conversations',
        '',
        '### Call on 2025-04-02 (support)',
        'Overview: Asked for a refund.',
        'Outcome: billing / refund / resolved',
        '',
        '### Call on 2025-04-03',
        'Status: pending',
        '',
        '### Call on 2025-04-04',
        'Overview: Quick hello.',
      ].join('\n'),
    );
  });

  it('renders a profile alone, without a ## User Context heading', () => {
    assert.equal(formatForPrompt({ profile: { overview: 'New caller.' } }), '## Caller Profile\nNew caller.');
  });
});
