import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compactConversation, countTokens } from '../../../src/compaction/algorithm/index.js';
import { longChatTurns, NOW, PLANNING_TURNS, toStoredMessages } from './fixtures.js';

const LONG = toStoredMessages(longChatTurns());

describe('compactConversation', () => {
  it('keeps fewer tokens the more aggressive the level: aggressive < balanced < conservative', () => {
    const sizes = ['aggressive', 'balanced', 'conservative'].map(
      (level) => compactConversation({ messages: LONG, level, now: NOW }).compactedTokenCount,
    );
    assert.ok(sizes[0]! < sizes[1]! && sizes[1]! < sizes[2]!, `sizes ${sizes.join(' < ')}`);
  });

  it('fills each level close to its share of the original, never above it', () => {
    for (const [level, share] of [
      ['conservative', 0.5],
      ['balanced', 0.25],
      ['aggressive', 0.1],
    ] as const) {
      const result = compactConversation({ messages: LONG, level, now: NOW });
      const kept = result.compactedTokenCount / result.originalTokenCount;
      assert.ok(kept <= share && kept > share * 0.8, `${level} kept ${kept.toFixed(3)}`);
    }
  });

  it('reports real BPE counts and ratio = original / compacted', () => {
    const result = compactConversation({ messages: LONG, level: 'balanced', now: NOW });
    const original = LONG.reduce((sum, message) => sum + countTokens(message.content), 0);
    assert.equal(result.originalTokenCount, original);
    assert.equal(result.compactedTokenCount, countTokens(result.compactedContext));
    assert.equal(
      result.compressionRatio,
      Math.round((result.originalTokenCount / result.compactedTokenCount) * 100) / 100,
    );
    assert.ok(result.compressionRatio > 3.5);
  });

  it('lets target_tokens override the level budget', () => {
    const result = compactConversation({
      messages: LONG,
      level: 'conservative',
      targetTokens: 200,
      now: NOW,
    });
    assert.equal(result.levelApplied, 'conservative');
    assert.equal(result.budgetTokens, 200);
    assert.ok(result.compactedTokenCount <= 200 && result.compactedTokenCount > 150);
  });

  it('keeps speakers, day headers and chronological order', () => {
    const result = compactConversation({ messages: LONG, level: 'balanced', now: NOW });
    const lines = result.compactedContext.split('\n');
    assert.match(
      lines[0]!,
      /^Earlier conversation between Nora and Felix \(120 messages, 2 January 2024 – 4 February 2024\)/,
    );
    const body = lines.slice(1);
    assert.ok(body.every((line) => /^\[\d{1,2} \w+ 2024\]$/.test(line) || /^(Nora|Felix): \S/.test(line)));
    const sequences = result.segments.map((segment) => segment.sequence);
    assert.deepEqual(
      sequences,
      [...sequences].sort((left, right) => left - right),
    );
    const days = body.filter((line) => line.startsWith('[')).map((line) => Date.parse(line.slice(1, -1)));
    assert.deepEqual(
      days,
      [...days].sort((left, right) => left - right),
    );
  });

  it('resolves relative dates against the day they were said', () => {
    const result = compactConversation({
      messages: toStoredMessages(PLANNING_TURNS),
      level: 'low',
      now: NOW,
    });
    const yesterday = result.keyExtractions.facts.find((item) => item.content.startsWith('Yesterday'));
    assert.equal(
      yesterday?.content,
      'Yesterday [5 March 2024] I talked to Maria and she wants a day trip to Sintra.',
    );
  });

  it('covers the whole conversation, not just its end', () => {
    const result = compactConversation({ messages: LONG, level: 'aggressive', now: NOW });
    const first = result.segments[0]!.sequence;
    const last = result.segments.at(-1)!.sequence;
    assert.ok(first <= 20 && last >= 100, `segments span ${first}..${last}`);
    assert.equal(result.cutoffSequence, 120);
    assert.equal(result.messageCount, 120);
  });

  it('drops small talk before facts', () => {
    const result = compactConversation({ messages: LONG, level: 'balanced', now: NOW });
    assert.doesNotMatch(
      result.compactedContext,
      /Haha, I know what you mean|I totally agree with you on that/,
    );
    assert.match(result.compactedContext, /dollars/);
  });

  it('is deterministic', () => {
    const first = compactConversation({ messages: LONG, level: 'balanced', now: NOW });
    const second = compactConversation({ messages: [...LONG].reverse(), level: 'balanced', now: NOW });
    assert.deepEqual(second, first, 'input order does not matter either: messages are sorted by sequence');
  });

  it('uses role labels when messages carry no speaker prefix', () => {
    const messages = toStoredMessages(PLANNING_TURNS, { prefix: false });
    const result = compactConversation({ messages, level: 'conservative', now: NOW });
    assert.deepEqual(result.currentState.participants, ['User', 'Assistant']);
    assert.match(result.compactedContext, /^User: /m);
  });

  it('compacts an empty conversation to an empty context', () => {
    const result = compactConversation({ messages: [], level: 'balanced', now: NOW });
    assert.equal(result.compactedContext, '');
    assert.equal(result.summary, '');
    assert.equal(result.originalTokenCount, 0);
    assert.equal(result.compactedTokenCount, 0);
    assert.equal(result.compressionRatio, 1);
    assert.equal(result.validationScore, 1);
    assert.equal(result.validationPassed, true);
    assert.equal(result.qualityWarning, false);
    assert.equal(result.cutoffSequence, 0);
    assert.equal(result.messageCount, 0);
    assert.deepEqual(result.keyExtractions, { facts: [], decisions: [], preferences: [], constraints: [] });
    assert.equal(result.currentState.last_message_at, null);
    assert.equal(result.compactedAt, NOW.toISOString());
  });
});
