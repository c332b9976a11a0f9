import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compactConversation, countTokens } from '../../../src/compaction/algorithm/index.js';
import { longChatTurns, NOW, PLANNING_TURNS, toStoredMessages } from './fixtures.js';

const LONG = toStoredMessages(longChatTurns());
const firstHalf = compactConversation({ messages: LONG.slice(0, 60), level: 'balanced', now: NOW });

describe('incremental compaction (previous)', () => {
  it('covers old and new messages, with counts summed and the cutoff moved', () => {
    const result = compactConversation({ messages: LONG, level: 'balanced', now: NOW, previous: firstHalf });
    assert.equal(firstHalf.cutoffSequence, 60);
    assert.equal(result.cutoffSequence, 120);
    assert.equal(result.messageCount, 120);
    assert.equal(
      result.originalTokenCount,
      LONG.reduce((sum, message) => sum + countTokens(message.content), 0),
    );
    assert.ok(result.compactedTokenCount <= result.budgetTokens);
    assert.ok(
      result.segments.some((segment) => segment.sequence <= 60),
      'keeps some of the earlier history',
    );
    assert.ok(
      result.segments.some((segment) => segment.sequence > 60),
      'adds the new messages',
    );
    assert.equal(result.firstMessageAt, LONG[0]!.recordedAt);
    assert.match(
      result.compactedContext,
      /^Earlier conversation between Nora and Felix \(120 messages, 2 January 2024/,
    );
  });

  it('gives the same result whether it is passed all messages or only the new ones', () => {
    const fromAll = compactConversation({ messages: LONG, level: 'balanced', now: NOW, previous: firstHalf });
    const fromNew = compactConversation({
      messages: LONG.slice(60),
      level: 'balanced',
      now: NOW,
      previous: firstHalf,
    });
    assert.deepEqual(fromNew, fromAll);
  });

  it('stays close to a one-shot compaction in size and validation', () => {
    const incremental = compactConversation({
      messages: LONG,
      level: 'balanced',
      now: NOW,
      previous: firstHalf,
    });
    const oneShot = compactConversation({ messages: LONG, level: 'balanced', now: NOW });
    assert.ok(
      Math.abs(incremental.compactedTokenCount - oneShot.compactedTokenCount) <
        0.1 * oneShot.compactedTokenCount,
    );
    assert.ok(incremental.validationScore > 0 && incremental.validationScore <= 1);
    assert.ok(incremental.validationScore > oneShot.validationScore - 0.15);
  });

  it('keeps earlier extractions and state, and closes questions answered since', () => {
    const messages = toStoredMessages([
      ...PLANNING_TURNS,
      { speaker: 'Alice', text: 'The train is fine, it takes 40 minutes from Rossio station.' },
      { speaker: 'Bob', text: 'Great, I will buy the tickets on Monday.' },
    ]);
    const before = compactConversation({ messages: messages.slice(0, 12), level: 'conservative', now: NOW });
    assert.equal(before.currentState.open_questions.length, 1);
    const after = compactConversation({ messages, level: 'conservative', now: NOW, previous: before });
    assert.deepEqual(after.currentState.open_questions, []);
    assert.ok(
      after.keyExtractions.preferences.some(
        (item) => item.content === 'I prefer boutique hotels near Alfama.',
      ),
    );
    assert.ok(
      after.keyExtractions.decisions.some(
        (item) => item.content === 'Great, I will buy the tickets on Monday.',
      ),
    );
    assert.deepEqual(after.currentState.participants, ['Alice', 'Bob']);
  });

  it('re-compacts the previous result alone when nothing new arrived', () => {
    const again = compactConversation({
      messages: LONG.slice(0, 60),
      level: 'aggressive',
      now: NOW,
      previous: firstHalf,
    });
    assert.equal(again.cutoffSequence, 60);
    assert.equal(again.messageCount, 60);
    assert.equal(again.originalTokenCount, firstHalf.originalTokenCount);
    assert.ok(again.compactedTokenCount < firstHalf.compactedTokenCount);
    assert.ok(again.validationScore <= firstHalf.validationScore);
  });
});
