import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  compactConversation,
  renderCompaction,
  renderContextForPrompt,
} from '../../../src/compaction/algorithm/index.js';
import { NOW, PLANNING_TURNS, toStoredMessages } from './fixtures.js';

const all = toStoredMessages([
  ...PLANNING_TURNS,
  { speaker: 'Alice', text: "Let's take the train, it is cheaper." },
  { speaker: 'Bob', text: 'Perfect, I will book 12 train tickets.' },
]);
const compaction = compactConversation({ messages: all.slice(0, 12), level: 'conservative', now: NOW });
const after = all.slice(12);

describe('renderContextForPrompt', () => {
  it('structured: Synap headings in order, blank lines between every heading and line, recent turns last', () => {
    const text = renderContextForPrompt({ compaction, messagesAfterCutoff: after, style: 'structured' });
    const headings = text.split('\n\n').filter((block) => block.startsWith('#'));
    assert.deepEqual(headings, [
      '## Summary',
      '## Conversation',
      '## Current State',
      '## Key Extractions',
      '### facts',
      '### preferences',
      '### constraints',
      '## Recent Turns (2)',
    ]);
    assert.ok(!text.split('\n\n').some((block) => block.includes('\n')), 'one line per block');
    assert.match(
      text,
      /\n\n- open_questions: \["Bob: Should we rent a private bus or take the train to Sintra\?"\]/,
    );
    assert.match(text, /\n\n- latest_topic: \w+/);
    assert.match(text, /### preferences\n\n- Alice: I prefer boutique hotels near Alfama\./);
    assert.ok(
      text.endsWith(
        "**user**: Alice: Let's take the train, it is cheaper.\n\n**assistant**: Bob: Perfect, I will book 12 train tickets.",
      ),
    );
  });

  it('narrative: summary, compacted conversation, where things stand, then recent exchanges', () => {
    const text = renderContextForPrompt({ compaction, messagesAfterCutoff: after, style: 'narrative' });
    assert.ok(text.startsWith(compaction.summary));
    assert.ok(text.includes(`\n\n${compaction.compactedContext}\n\n`));
    assert.match(text, /Where things stand: Most recently the talk was about /);
    assert.ok(
      text.endsWith(
        "Recent exchanges:\nuser: Alice: Let's take the train, it is cheaper.\nassistant: Bob: Perfect, I will book 12 train tickets.",
      ),
    );
  });

  it('bullet_points: one "- " line each for summary, kept lines, state, extractions and turns', () => {
    const text = renderContextForPrompt({ compaction, messagesAfterCutoff: after, style: 'bullet_points' });
    const lines = text.split('\n');
    assert.ok(lines.every((line) => line.startsWith('- ')));
    assert.ok(lines[0]!.startsWith('- Summary: Alice and Bob exchanged 12 messages'));
    assert.ok(lines.includes('- (4 March 2024) Alice: I prefer boutique hotels near Alfama.'));
    assert.ok(lines.some((line) => line.startsWith('- latest_topic: ')));
    assert.ok(
      lines.includes(
        '- decisions: ["Alice: We decided on April 15 to April 18.","Bob: I\'ll shortlist three boutique hotels by Friday.","Bob: Let\'s book the Sintra day trip for April 16 then."]',
      ),
    );
    assert.ok(!lines.some((line) => line.startsWith('- (decisions)')), 'standing decisions are listed once');
    assert.ok(lines.includes("- (preferences) Alice: I don't like big chain hotels."));
    assert.ok(!lines.some((line) => line.startsWith('- (facts)')), 'facts are already among the kept lines');
    assert.equal(lines.at(-1), '- assistant: Bob: Perfect, I will book 12 train tickets.');
  });

  it('renders only the recent turns when there is no compaction, as the server does before one', () => {
    const two = all.slice(0, 2);
    assert.equal(
      renderContextForPrompt({ messagesAfterCutoff: two, style: 'structured' }),
      `## Recent Turns (2)\n\n**user**: ${two[0]!.content}\n\n**assistant**: ${two[1]!.content}`,
    );
    assert.equal(
      renderContextForPrompt({ messagesAfterCutoff: two, style: 'narrative' }),
      `Recent exchanges:\nuser: ${two[0]!.content}\nassistant: ${two[1]!.content}`,
    );
    assert.equal(
      renderContextForPrompt({ messagesAfterCutoff: two, style: 'bullet_points' }),
      `- user: ${two[0]!.content}\n- assistant: ${two[1]!.content}`,
    );
  });

  it('falls back to structured for unknown styles and renders nothing for an empty conversation', () => {
    assert.equal(
      renderContextForPrompt({ compaction, messagesAfterCutoff: after, style: 'fancy' }),
      renderContextForPrompt({ compaction, messagesAfterCutoff: after }),
    );
    for (const style of ['structured', 'narrative', 'bullet_points']) {
      assert.equal(renderContextForPrompt({ messagesAfterCutoff: [], style }), '');
    }
  });
});

describe('renderCompaction (E11 formats)', () => {
  it('structured: the context-for-prompt sections without recent turns', () => {
    const text = renderCompaction(compaction, 'structured');
    assert.equal(text, renderContextForPrompt({ compaction, messagesAfterCutoff: [], style: 'structured' }));
    assert.ok(text.startsWith(`## Summary\n\n${compaction.summary}\n\n## Conversation\n\n`));
  });

  it('narrative: summary, compacted context and where things stand', () => {
    const text = renderCompaction(compaction, 'narrative');
    assert.ok(
      text.startsWith(`${compaction.summary}\n\n${compaction.compactedContext}\n\nWhere things stand:`),
    );
    assert.match(text, /Still open: Bob: Should we rent a private bus or take the train to Sintra\?/);
  });

  it('injection: one tagged block with summary, state, key points and history', () => {
    const text = renderCompaction(compaction, 'injection');
    const lines = text.split('\n');
    assert.equal(lines[0], '<conversation_memory>');
    assert.equal(lines.at(-1), '</conversation_memory>');
    assert.ok(lines[1]!.startsWith('Summary: '));
    assert.ok(lines.includes('Current state:'));
    assert.ok(lines.includes('- (constraints) Alice: The budget is 9,000 euros in total.'));
    assert.ok(text.includes(`History:\n${compaction.compactedContext}\n</conversation_memory>`));
  });

  it('falls back to structured for unknown formats', () => {
    assert.equal(renderCompaction(compaction, 'xml'), renderCompaction(compaction));
  });
});
