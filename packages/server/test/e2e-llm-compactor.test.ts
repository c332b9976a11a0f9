// The opt-in LLM compactor, chosen by configuration (ENGRAM_COMPACTOR=llm),
// end to end: the server sends the conversation to an OpenAI-compatible
// endpoint (a local stand-in replaying a recorded reply) and serves the
// compaction built from its JSON.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  loadFixture,
  type OpenAIStandInServer,
  startOpenAIStandInServer,
} from '@engram/provider-openai/test-support';
import { sdkFor } from './support/sdk-client.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const TURNS: [string, 'user' | 'assistant'][] = [
  ['I am travelling to Lisbon in June.', 'user'],
  ['Great! Do you have flights yet?', 'assistant'],
  ['I booked the flight on 3 June, window seat please.', 'user'],
  ['Noted. Where would you like to stay?', 'assistant'],
  ['Somewhere central, budget 150 euros per night.', 'user'],
];

describe('LLM compactor by configuration', () => {
  let llm: OpenAIStandInServer;
  let server: TestServer;

  before(async () => {
    llm = await startOpenAIStandInServer();
    server = await startTestServer({ compactor: 'llm', llmBaseUrl: llm.baseUrl, llmModel: 'gpt-4o-mini' });
  });
  after(async () => {
    await server.dispose();
    await llm.close();
  });

  it('compacts through the OpenAI-compatible endpoint', async () => {
    llm.enqueue('chat', { json: loadFixture('compaction-trip-planning.json') });
    const sdk = sdkFor(server.url, (await server.createInstance()).apiKey);
    const conversationId = randomUUID();
    await sdk.conversation.recordMessagesBatch(
      TURNS.map(([content, role]) => ({ conversation_id: conversationId, role, content, user_id: 'dana' })),
    );
    await sdk.conversation.context.compact({ conversation_id: conversationId, strategy: 'balanced' });
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const status = await sdk.conversation.context.getCompactionStatus({ conversation_id: conversationId });
      if (status.status === 'completed' || status.status === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    assert.equal(llm.requests.length, 1, 'one chat completion');
    const request = llm.requests[0]?.body as {
      messages: { content: string }[];
      response_format?: { type: string };
    };
    assert.equal(request.response_format?.type, 'json_schema');
    assert.ok(
      request.messages.some((message) => message.content.includes('Lisbon')),
      'the turns were sent',
    );

    const compacted = await sdk.conversation.context.getCompacted({ conversation_id: conversationId });
    assert.ok(compacted);
    assert.match(String(compacted.formatted_context ?? compacted.compacted_context), /Lisbon/);
    assert.equal(compacted.strategy_used, 'balanced');
    const raw = compacted as unknown as {
      decisions: { content: string }[];
      current_state: { goals?: string[] };
    };
    assert.ok(raw.decisions.some((decision) => /3 June/.test(decision.content)));
    assert.deepEqual(raw.current_state.goals, ['Book a hotel in Lisbon']);
  });
});
