import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assembleResult } from '../../../src/compaction/algorithm/compaction-outcome.js';
import { planCompaction } from '../../../src/compaction/algorithm/compaction-plan.js';
import { LlmCompactor, llmCompactionSchema } from '../../../src/compaction/algorithm/index.js';
import { mapLlmCompaction } from '../../../src/compaction/algorithm/llm-compaction-mapping.js';
import {
  buildLlmCompactionMessages,
  transcriptLines,
} from '../../../src/compaction/algorithm/llm-compaction-prompt.js';
import { isEngramError } from '../../../src/errors/engram-error.js';
import { parseJsonText } from '../../../src/llm/parse-json-text.js';
import type { ChatModel } from '../../../src/ports/chat-model.js';
import { NOW, PLANNING_TURNS, toStoredMessages } from './fixtures.js';

const messages = toStoredMessages(PLANNING_TURNS);
const plan = planCompaction({ messages, level: 'balanced', now: NOW });

// A reply as a model writes it: fenced, one item as a bare string, one citing no line, nulls.
const REPLY_TEXT = `Here is the compaction:
\`\`\`json
{
  "summary": "Alice plans a Lisbon offsite for 12 people from April 15 to April 18 with a 9,000 euro budget.",
  "current_state": {"goals": ["Run the offsite"], "open_questions": ["Bus or train to Sintra?"], "decisions": null, "latest_topic": "Sintra transport"},
  "key_extractions": {
    "facts": ["The team has 12 people."],
    "decisions": [{"content": "Offsite runs April 15 to April 18", "speaker": "Alice", "source": 3},
                  {"content": "Sintra trip on April 16", "speaker": "Bob", "source": 999}],
    "preferences": [{"content": "Boutique hotels near Alfama", "speaker": null, "source": 5}, {"content": "  ", "source": 5}],
    "constraints": null
  }
}
\`\`\``;

function parsedReply() {
  const parsed = parseJsonText(REPLY_TEXT, llmCompactionSchema);
  assert.ok(parsed.success);
  return parsed.data;
}

describe('LLM compaction prompt', () => {
  it('numbers transcript lines by sequence, with day and speaker', () => {
    const prompt = buildLlmCompactionMessages(transcriptLines(plan), plan.budget, '');
    assert.equal(prompt.length, 2);
    assert.equal(prompt[0]!.role, 'system');
    assert.match(prompt[0]!.content, /"source" is the \[n\] of the line/);
    assert.match(prompt[1]!.content, /\n\[3\] \(4 March 2024\) Alice: We decided on April 15 to April 18\./);
    assert.match(prompt[1]!.content, /\[12\] \(6 March 2024\) Bob: Should we rent/);
    assert.doesNotMatch(prompt[1]!.content, /Earlier context/);
  });

  it('passes a previous compaction as earlier context', () => {
    const prompt = buildLlmCompactionMessages(
      transcriptLines(plan),
      plan.budget,
      'Earlier: Alice booked Porto.',
    );
    assert.ok(
      prompt[1]!.content.startsWith('Earlier context (already condensed):\nEarlier: Alice booked Porto.'),
    );
  });
});

describe('LLM compaction result mapping', () => {
  it('accepts tolerant replies: fenced JSON, string items, nulls', () => {
    const reply = parsedReply();
    assert.equal(reply.key_extractions?.facts?.[0], 'The team has 12 people.');
    assert.equal(reply.current_state?.decisions, null);
  });

  it('takes speaker, message id and time from the cited line, and keeps the rest unattributed', () => {
    const content = mapLlmCompaction(parsedReply(), plan);
    assert.deepEqual(content.keyExtractions.decisions, [
      {
        content: 'Offsite runs April 15 to April 18',
        speaker: 'Alice',
        message_id: 'm-3',
        timestamp: messages[2]!.recordedAt,
      },
      { content: 'Sintra trip on April 16', speaker: 'Bob', message_id: null, timestamp: null },
    ]);
    assert.deepEqual(content.keyExtractions.preferences, [
      {
        content: 'Boutique hotels near Alfama',
        speaker: 'Alice',
        message_id: 'm-5',
        timestamp: messages[4]!.recordedAt,
      },
    ]);
    assert.deepEqual(content.keyExtractions.facts, [
      { content: 'The team has 12 people.', speaker: null, message_id: null, timestamp: null },
    ]);
    assert.deepEqual(content.keyExtractions.constraints, []);
  });

  it('fills the current state from the reply and the plan', () => {
    const state = mapLlmCompaction(parsedReply(), plan).currentState;
    assert.deepEqual(state, {
      goals: ['Run the offsite'],
      open_questions: ['Bus or train to Sintra?'],
      decisions: [],
      latest_topic: 'Sintra transport',
      participants: ['Alice', 'Bob'],
      last_message_at: messages.at(-1)!.recordedAt,
    });
  });

  it('renders a self-contained context and segments a later extractive run can re-compact', () => {
    const content = mapLlmCompaction(parsedReply(), plan);
    assert.equal(content.method, 'llm');
    const lines = content.compactedContext.split('\n');
    assert.match(lines[0]!, /^Earlier conversation between Alice and Bob \(12 messages/);
    assert.equal(lines[1], content.summary);
    assert.ok(lines.includes('- (decision, 4 March 2024) Alice: Offsite runs April 15 to April 18'));
    assert.ok(lines.includes('- (fact) The team has 12 people.'));
    assert.deepEqual(
      content.segments.map((segment) => [segment.sequence, segment.speaker]),
      [
        [3, 'Alice'],
        [5, 'Alice'],
        [12, 'Summary'],
      ],
    );
  });

  it('is measured and validated like an extractive compaction', () => {
    const result = assembleResult(plan, mapLlmCompaction(parsedReply(), plan), NOW);
    assert.equal(result.method, 'llm');
    assert.equal(result.originalTokenCount, plan.originalTokenCount);
    assert.ok(result.compactedTokenCount > 0);
    assert.ok(result.validationScore > 0 && result.validationScore < 1, String(result.validationScore));
    assert.equal(result.levelApplied, 'balanced');
    assert.equal(result.cutoffSequence, 12);
  });
});

describe('LlmCompactor', () => {
  const fixedReplyModel = (text: string): ChatModel => ({
    provider: 'test',
    modelId: 'fixed-reply',
    doGenerate: async () => ({ text, usage: undefined }),
  });

  it('throws PROVIDER_FAILED, without fallback, when the reply is not the requested JSON', async () => {
    const compactor = new LlmCompactor(fixedReplyModel('I cannot help with that.'), { maxAttempts: 2 });
    await assert.rejects(compactor.compact({ messages, level: 'balanced', now: NOW }), (error) =>
      isEngramError(error, 'PROVIDER_FAILED'),
    );
  });

  it('maps a valid reply into a result', async () => {
    const compactor = new LlmCompactor(fixedReplyModel(REPLY_TEXT));
    const result = await compactor.compact({ messages, level: 'medium', now: NOW });
    assert.equal(result.method, 'llm');
    assert.equal(result.strategyUsed, 'medium');
    assert.equal(result.summary, parsedReply().summary);
  });

  it('does not call the model when there is nothing to compact', async () => {
    const compactor = new LlmCompactor({
      provider: 'test',
      modelId: 'never',
      doGenerate: async () => assert.fail('the model must not be called'),
    });
    const result = await compactor.compact({ messages: [], level: 'balanced', now: NOW });
    assert.equal(result.compactedContext, '');
  });
});
