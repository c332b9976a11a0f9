import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCompactionEngine, LLM_FALLBACK_WARNING } from '../../src/compaction/index.js';
import { EngramError } from '../../src/errors/engram-error.js';
import type { ChatModel } from '../../src/ports/chat-model.js';
import { silentLogger } from '../../src/ports/logger.js';
import { NOW, PLANNING_TURNS, toStoredMessages } from './algorithm/fixtures.js';

const input = { messages: toStoredMessages(PLANNING_TURNS), level: 'balanced', now: NOW };

// Chat models are ports: these speak the port's contract, as an adapter would after one HTTP exchange.
function replying(text: string): ChatModel {
  return { provider: 'test', modelId: 'fixed', doGenerate: async () => ({ text, usage: undefined }) };
}

function failing(retryable: boolean): ChatModel {
  return {
    provider: 'test',
    modelId: 'down',
    doGenerate: async () => {
      throw new EngramError('PROVIDER_FAILED', 'HTTP 400 from the provider', { retryable });
    },
  };
}

describe('compaction engine', () => {
  it('is the extractive compactor without a chat model', async () => {
    const engine = createCompactionEngine({ logger: silentLogger });
    const result = await engine(input, new AbortController().signal);
    assert.equal(result.method, 'extractive');
    assert.equal(result.levelApplied, 'balanced');
  });

  it('uses the chat model when one is given', async () => {
    const reply = JSON.stringify({
      summary: 'Alice plans a Lisbon offsite for 12 people from April 15 to April 18.',
      current_state: { goals: [], open_questions: [], decisions: [], latest_topic: 'Sintra' },
      key_extractions: {
        facts: ['The team has 12 people.'],
        decisions: [],
        preferences: [],
        constraints: [],
      },
    });
    const engine = createCompactionEngine({ chatModel: replying(reply), logger: silentLogger });
    const result = await engine(input, new AbortController().signal);
    assert.equal(result.method, 'llm');
    assert.match(result.summary, /Lisbon offsite/);
  });

  it('falls back to the extractive compactor, with a warning, when the model fails', async () => {
    const engine = createCompactionEngine({ chatModel: failing(false), logger: silentLogger });
    const result = await engine(input, new AbortController().signal);
    assert.equal(result.method, 'extractive');
    assert.equal(result.qualityWarning, true);
    assert.ok(result.warnings.includes(LLM_FALLBACK_WARNING));
  });

  it('still rejects an unknown strategy', async () => {
    const engine = createCompactionEngine({ chatModel: failing(false), logger: silentLogger });
    await assert.rejects(engine({ ...input, level: 'extreme' }, new AbortController().signal), {
      code: 'INVALID_INPUT',
    });
  });
});
