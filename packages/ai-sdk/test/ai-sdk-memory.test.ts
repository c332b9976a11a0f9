// The AI SDK integration against a real Engram server, driven by the AI
// SDK's own MockLanguageModelV3 (no network, no provider).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { EngramClient } from '@engram/sdk';
import { startTestServer, type TestServer } from '@engram/server/test-support';
import { generateText, stepCountIs, streamText, wrapLanguageModel } from 'ai';
import { engramMemoryMiddleware, engramMemoryTools, type RecalledMemory } from '../src/index.js';
import { scriptedModel, systemTextOf } from './support/mock-models.js';

describe('@engram/ai-sdk against a real server', () => {
  let server: TestServer;
  let client: EngramClient;

  before(async () => {
    server = await startTestServer();
    const { apiKey } = await server.createInstance('b2c');
    client = new EngramClient({ apiKey, baseUrl: server.url, retry: false });
    const queued = await client.memories.create({
      document: 'User: I take my coffee black, no sugar.\nAssistant: Noted.',
      user_id: 'alice',
    });
    const done = await client.memories.waitForCompletion(queued.ingestion_id, { pollIntervalSeconds: 0.1 });
    assert.equal(done.status, 'completed');
  });
  after(() => server.dispose());

  it('middleware: injects memories before generateText and records the exchange after', async () => {
    const conversationId = randomUUID();
    const { model, prompts } = scriptedModel(['Black, no sugar, as always.']);
    const result = await generateText({
      model: wrapLanguageModel({
        model,
        middleware: engramMemoryMiddleware(client, { userId: 'alice', conversationId }),
      }),
      prompt: 'How do I like my coffee?',
    });
    assert.equal(result.text, 'Black, no sugar, as always.');
    assert.match(systemTextOf(prompts[0]), /What you remember.*\n[\s\S]*coffee black/i);

    const stored = await client.conversation.context.getContextForPrompt({ conversation_id: conversationId });
    assert.deepEqual(
      stored.recent_messages.map((message) => [message.role, message.content]),
      [
        ['user', 'How do I like my coffee?'],
        ['assistant', 'Black, no sugar, as always.'],
      ],
    );

    // The next call in the same conversation sees the recorded turns.
    const next = scriptedModel(['Sure.']);
    await generateText({
      model: wrapLanguageModel({
        model: next.model,
        middleware: engramMemoryMiddleware(client, { userId: 'alice', conversationId }),
      }),
      prompt: 'Thanks!',
    });
    assert.match(systemTextOf(next.prompts[0]), /How do I like my coffee\?/);
  });

  it('middleware: records a streamed answer once the stream ends', async () => {
    const conversationId = randomUUID();
    const { model } = scriptedModel(['Streaming works word by word.']);
    const result = streamText({
      model: wrapLanguageModel({ model, middleware: engramMemoryMiddleware(client, { conversationId }) }),
      prompt: 'Say something.',
    });
    assert.equal(await result.text, 'Streaming works word by word.');
    const stored = await client.conversation.context.getContextForPrompt({ conversation_id: conversationId });
    assert.deepEqual(
      stored.recent_messages.map((message) => message.content),
      ['Say something.', 'Streaming works word by word.'],
    );
  });

  it('middleware: a memory failure never fails the model call', async () => {
    const refused = new EngramClient({ apiKey: 'synap_wrong', baseUrl: server.url, retry: false });
    const failures: string[] = [];
    const { model, prompts } = scriptedModel(['Still answering.']);
    const result = await generateText({
      model: wrapLanguageModel({
        model,
        middleware: engramMemoryMiddleware(refused, {
          userId: 'alice',
          conversationId: randomUUID(),
          onError: (_error, stage) => failures.push(stage),
        }),
      }),
      prompt: 'Hello?',
    });
    assert.equal(result.text, 'Still answering.');
    assert.equal(systemTextOf(prompts[0]), '');
    assert.deepEqual([...new Set(failures)], ['read', 'record']);
  });

  it('tools: the model recalls with recall_memory and stores with remember', async () => {
    const { model, prompts } = scriptedModel([
      [{ type: 'tool-call', toolCallId: 'call-1', toolName: 'recall_memory', input: '{"query":"coffee"}' }],
      [
        {
          type: 'tool-call',
          toolCallId: 'call-2',
          toolName: 'remember',
          input: '{"text":"Alice moved to Lyon."}',
        },
      ],
      'You take it black.',
    ]);
    const result = await generateText({
      model,
      tools: engramMemoryTools(client, { userId: 'alice' }),
      stopWhen: stepCountIs(4),
      prompt: 'How do I take my coffee? Also, I moved to Lyon.',
    });
    assert.equal(result.text, 'You take it black.');
    const recalled = result.steps[0]?.toolResults[0]?.output as { memories: RecalledMemory[] };
    assert.ok(recalled.memories.some((memory) => /coffee black/i.test(memory.content)));
    assert.ok(recalled.memories.every((memory) => memory.scope === 'user'));
    assert.equal(prompts.length, 3, 'the model saw each tool result');

    const remembered = result.steps[1]?.toolResults[0]?.output as { ingestion_id: string };
    const done = await client.memories.waitForCompletion(remembered.ingestion_id, {
      pollIntervalSeconds: 0.1,
    });
    assert.equal(done.status, 'completed');
    assert.ok((done.memories_created ?? 0) > 0, 'the remembered text became memories');
    const context = await client.user.context.fetch({ user_id: 'alice', search_query: ['Lyon'] });
    const contents = [...context.facts, ...context.episodes, ...context.temporal_events].map(
      (item) => item.content,
    );
    assert.ok(
      contents.some((content) => /Lyon/.test(content)),
      JSON.stringify(contents),
    );
  });
});
