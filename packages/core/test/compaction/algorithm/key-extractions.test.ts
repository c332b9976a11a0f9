import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compactConversation } from '../../../src/compaction/algorithm/index.js';
import { NOW, PLANNING_TURNS, toStoredMessages } from './fixtures.js';

const messages = toStoredMessages(PLANNING_TURNS);
const result = compactConversation({ messages, level: 'conservative', now: NOW });
const contents = (category: keyof typeof result.keyExtractions) =>
  result.keyExtractions[category].map((item) => item.content);

describe('key extractions', () => {
  it('finds decisions and commitments by cue phrase ("we decided", "let\'s", "I\'ll")', () => {
    assert.deepEqual(contents('decisions'), [
      'We decided on April 15 to April 18.',
      "I'll shortlist three boutique hotels by Friday.",
      "Let's book the Sintra day trip for April 16 then.",
    ]);
  });

  it('finds preferences ("I prefer", "I don\'t like")', () => {
    assert.deepEqual(contents('preferences'), [
      'I prefer boutique hotels near Alfama.',
      "I don't like big chain hotels.",
    ]);
  });

  it('finds constraints ("budget", "must", "only")', () => {
    const constraints = contents('constraints');
    assert.ok(constraints.includes('The budget is 9,000 euros in total.'));
    assert.ok(
      constraints.includes(
        'Two people are vegetarian and Maria is allergic to peanuts, so the caterer must avoid nuts.',
      ),
    );
    assert.ok(constraints.includes('We can only spend 1,500 euros on activities.'));
  });

  it('lists facts that are not already a decision, preference or constraint', () => {
    const facts = contents('facts');
    assert.ok(facts.includes("Hi Bob, I'm planning the Lisbon offsite for our team of 12 people."));
    for (const other of [...contents('decisions'), ...contents('preferences'), ...contents('constraints')]) {
      assert.ok(!facts.includes(other), `listed twice: ${other}`);
    }
  });

  it('attributes every item to its speaker, message and time', () => {
    const budget = result.keyExtractions.constraints.find((item) => item.content.startsWith('The budget'));
    assert.deepEqual(budget, {
      content: 'The budget is 9,000 euros in total.',
      speaker: 'Alice',
      message_id: 'm-3',
      timestamp: messages[2]!.recordedAt,
    });
  });

  it('ignores questions and contentless cues', () => {
    const turns = [
      { speaker: 'Ann', text: "Let's go!" },
      { speaker: 'Ben', text: 'Should we decide on the venue now?' },
      { speaker: 'Ann', text: "I'll always remember that trip." },
    ];
    const small = compactConversation({ messages: toStoredMessages(turns), level: 'low', now: NOW });
    assert.deepEqual(small.keyExtractions.decisions, []);
  });

  it('caps each category per level', () => {
    const turns = Array.from({ length: 40 }, (_, index) => ({
      speaker: index % 2 === 0 ? 'Ann' : 'Ben',
      text: `I prefer option ${index} for the ${['venue', 'menu', 'music', 'lighting'][index % 4]} setup.`,
    }));
    const aggressive = compactConversation({
      messages: toStoredMessages(turns),
      level: 'aggressive',
      now: NOW,
    });
    const conservative = compactConversation({
      messages: toStoredMessages(turns),
      level: 'conservative',
      now: NOW,
    });
    assert.equal(aggressive.keyExtractions.preferences.length, 6);
    assert.equal(conservative.keyExtractions.preferences.length, 20);
  });
});

describe('current state', () => {
  it('lists unanswered recent questions as open', () => {
    assert.deepEqual(result.currentState.open_questions, [
      'Bob: Should we rent a private bus or take the train to Sintra?',
    ]);
  });

  it('treats a deferral as no answer', () => {
    const turns = [
      { speaker: 'Ann', text: 'Which caterer handles the vegan menu for the gala?' },
      { speaker: 'Ben', text: "Not sure yet, I'll check with the venue." },
      { speaker: 'Ann', text: 'How many guests confirmed for the gala dinner?' },
      { speaker: 'Ben', text: 'Eighty guests confirmed so far.' },
    ];
    const state = compactConversation({
      messages: toStoredMessages(turns),
      level: 'low',
      now: NOW,
    }).currentState;
    assert.deepEqual(state.open_questions, ['Ann: Which caterer handles the vegan menu for the gala?']);
  });

  it('keeps standing decisions and drops superseded ones', () => {
    const turns = [
      { speaker: 'Ann', text: 'We decided to hold the launch party in Berlin.' },
      { speaker: 'Ben', text: 'Sounds good.' },
      { speaker: 'Ann', text: 'Update: we decided to hold the launch party in Munich instead.' },
      { speaker: 'Ben', text: "I'll send the invitations on Monday." },
    ];
    const state = compactConversation({
      messages: toStoredMessages(turns),
      level: 'low',
      now: NOW,
    }).currentState;
    assert.deepEqual(state.decisions, [
      'Ann: Update: we decided to hold the launch party in Munich instead.',
      "Ben: I'll send the invitations on Monday.",
    ]);
  });

  it('records goals, the latest topic, participants and the last message time', () => {
    const turns = [
      { speaker: 'Ann', text: 'I want to run the Berlin marathon next year.' },
      { speaker: 'Ben', text: 'Great goal! Are you training with a coach?' },
      { speaker: 'Ann', text: 'Yes, my coach plans interval training and long runs on Sundays.' },
    ];
    const messages = toStoredMessages(turns);
    const state = compactConversation({ messages, level: 'low', now: NOW }).currentState;
    assert.deepEqual(state.goals, ['Ann: I want to run the Berlin marathon next year [2025].']);
    assert.match(state.latest_topic, /coach|training|marathon/);
    assert.deepEqual(state.participants, ['Ann', 'Ben']);
    assert.equal(state.last_message_at, messages.at(-1)!.recordedAt);
  });
});
