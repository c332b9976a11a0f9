// End to end through the TypeScript SDK against a real server on an ephemeral
// port, over a real SQLite file: the foundation's acceptance checks.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { AuthenticationError, InvalidConversationIdError, InvalidInputError } from '@engram/sdk';
import { sdkFor } from './support/sdk-client.js';
import { startTestServer, type TestServer } from './support/test-server.js';

describe('conversations end to end through the SDK', () => {
  let server: TestServer;
  let b2c: { apiKey: string; instanceId: string; clientId: string };
  let b2b: { apiKey: string; instanceId: string; clientId: string };

  before(async () => {
    server = await startTestServer({ maxBodyBytes: 64 * 1024 });
    b2c = await server.createInstance('b2c');
    b2b = await server.createInstance('b2b');
  });
  after(() => server.dispose());

  it('whoami resolves the key to its own instance and client', async () => {
    const me = await sdkFor(server.url, b2c.apiKey).whoami();
    assert.equal(me.instance_id, b2c.instanceId);
    assert.equal(me.client_id, b2c.clientId);
    assert.equal(me.relationship, 'b2c');
  });

  it('records turns and reads them back as recent turns and prompt context', async () => {
    const sdk = sdkFor(server.url, b2c.apiKey);
    const conversationId = randomUUID();
    const first = await sdk.conversation.recordMessage({
      conversation_id: conversationId,
      role: 'user',
      content: 'I prefer window seats on long flights.',
      user_id: 'alice',
      customer_id: '',
    });
    assert.match(first.message_id, /^[0-9a-f-]{36}$/);
    assert.equal(first.conversation_id, conversationId);
    assert.ok(first.session_id, 'a session id is generated when absent');
    assert.ok(!Number.isNaN(Date.parse(first.recorded_at)));
    await sdk.conversation.recordMessage({
      conversation_id: conversationId,
      role: 'assistant',
      content: 'Noted: window seats.',
      user_id: 'alice',
    });

    const context = await sdk.conversation.context.fetch({ conversation_id: conversationId });
    assert.deepEqual(context.facts, []);
    assert.deepEqual(context.context.facts, []);
    const turns = context.conversation_context?.recent_turns ?? [];
    assert.deepEqual(
      turns.map((turn) => [turn.role, turn.content]),
      [
        ['user', 'I prefer window seats on long flights.'],
        ['assistant', 'Noted: window seats.'],
      ],
    );
    assert.equal(context.metadata.source, 'cloud');
    assert.equal(context.metadata.scope.user_id, 'alice');
    assert.equal(context.metadata.scope.customer_id, 'alice', 'B2C: the customer is the user');

    const prompt = await sdk.conversation.context.getContextForPrompt({ conversation_id: conversationId });
    assert.equal(prompt.available, true);
    assert.equal(prompt.total_message_count, 2);
    assert.match(prompt.formatted_context ?? '', /window seats on long flights/);
    for (const message of prompt.recent_messages) {
      assert.ok(message.role && message.content && message.timestamp && message.message_id);
    }
    for (const style of ['narrative', 'bullet_points'] as const) {
      const styled = await sdk.conversation.context.getContextForPrompt({
        conversation_id: conversationId,
        style,
      });
      assert.equal(styled.style, style);
      assert.match(styled.formatted_context ?? '', /Noted: window seats/);
    }
  });

  it('answers a cold conversation with empty context, not an error', async () => {
    const sdk = sdkFor(server.url, b2c.apiKey);
    const conversationId = randomUUID();
    const context = await sdk.conversation.context.fetch({ conversation_id: conversationId });
    assert.equal(context.conversation_context ?? null, null);
    assert.equal(context.metadata.total_results, 0);
    const prompt = await sdk.conversation.context.getContextForPrompt({ conversation_id: conversationId });
    assert.equal(prompt.available, false);
    assert.equal(prompt.formatted_context, null);
    assert.deepEqual(prompt.recent_messages, []);
  });

  it('keeps batch results in input order and fails bad rows alone', async () => {
    const sdk = sdkFor(server.url, b2c.apiKey);
    const conversationId = randomUUID();
    const rows = Array.from({ length: 25 }, (_, index) => ({
      conversation_id: conversationId,
      role: (index % 2 === 0 ? 'user' : 'assistant') as 'user' | 'assistant',
      content: `turn ${index}`,
      user_id: 'bob',
    }));
    const result = await sdk.conversation.recordMessagesBatch(rows);
    assert.equal(result.total, 25);
    assert.equal(result.succeeded, 25);
    assert.deepEqual(
      result.results.map((row) => row.index),
      rows.map((_, index) => index),
    );
    const prompt = await sdk.conversation.context.getContextForPrompt({ conversation_id: conversationId });
    assert.deepEqual(
      prompt.recent_messages.map((message) => message.content),
      rows.map((row) => row.content),
    );

    // A bad row (empty content) fails alone; the SDK validates ids and roles, the server the rest.
    const mixed = await sdk.conversation.recordMessagesBatch([
      { conversation_id: conversationId, role: 'user', content: 'kept 1' },
      { conversation_id: conversationId, role: 'user', content: '' },
      { conversation_id: conversationId, role: 'assistant', content: 'kept 2' },
    ]);
    assert.equal(mixed.succeeded, 2);
    assert.equal(mixed.failed, 1);
    assert.equal(mixed.results[1]?.status, 'failed');
    assert.match(mixed.results[1]?.error ?? '', /content must not be empty/);
    assert.ok(mixed.results[0]?.message_id && mixed.results[2]?.message_id);
    assert.equal(mixed.results[1]?.message_id, undefined);
  });

  it('serves B2B instances, keeping the customer as given', async () => {
    const sdk = sdkFor(server.url, b2b.apiKey);
    const conversationId = randomUUID();
    await sdk.conversation.recordMessage({
      conversation_id: conversationId,
      role: 'user',
      content: 'Our team ships on Fridays.',
      user_id: 'carol',
      customer_id: 'acme',
    });
    const context = await sdk.conversation.context.fetch({ conversation_id: conversationId });
    assert.equal(context.metadata.scope.customer_id, 'acme');
    assert.equal(context.metadata.scope.user_id, 'carol');
    assert.equal(context.conversation_context?.recent_turns.length, 1);
  });

  it('never shows one instance the conversations of another', async () => {
    const owner = sdkFor(server.url, b2c.apiKey);
    const stranger = sdkFor(server.url, b2b.apiKey);
    const conversationId = randomUUID();
    await owner.conversation.recordMessage({
      conversation_id: conversationId,
      role: 'user',
      content: 'secret plans for the weekend',
      user_id: 'alice',
    });
    const theirView = await stranger.conversation.context.fetch({ conversation_id: conversationId });
    assert.equal(theirView.conversation_context ?? null, null);
    const theirPrompt = await stranger.conversation.context.getContextForPrompt({
      conversation_id: conversationId,
    });
    assert.equal(theirPrompt.available, false);
    assert.equal(theirPrompt.total_message_count, 0);
    assert.ok(!JSON.stringify(theirView).includes('secret plans'));

    // Writing to the same id from the other instance starts its own conversation.
    await stranger.conversation.recordMessage({
      conversation_id: conversationId,
      role: 'user',
      content: 'hello',
    });
    const ownerPrompt = await owner.conversation.context.getContextForPrompt({
      conversation_id: conversationId,
    });
    assert.deepEqual(
      ownerPrompt.recent_messages.map((message) => message.content),
      ['secret plans for the weekend'],
    );
  });

  it('rejects wrong and revoked keys with AuthenticationError', async () => {
    await assert.rejects(sdkFor(server.url, 'synap_not-a-real-key').whoami(), AuthenticationError);
    const extra = await server.server.services.tenancy.createApiKey(b2c.instanceId);
    const sdk = sdkFor(server.url, extra.api_key);
    assert.equal((await sdk.whoami()).instance_id, b2c.instanceId);
    assert.equal(await server.server.services.tenancy.revokeApiKey(extra.key_prefix), 1);
    await assert.rejects(sdk.whoami(), AuthenticationError);
    await assert.rejects(
      sdk.conversation.recordMessage({ conversation_id: randomUUID(), role: 'user', content: 'x' }),
      AuthenticationError,
    );
    assert.equal(
      (await sdkFor(server.url, b2c.apiKey).whoami()).instance_id,
      b2c.instanceId,
      'other keys live on',
    );
  });

  it('rejects malformed ids and bodies with InvalidInputError and a useful detail', async () => {
    const sdk = sdkFor(server.url, b2c.apiKey);
    await assert.rejects(
      sdk.conversation.recordMessage({ conversation_id: 'not-a-uuid', role: 'user', content: 'x' }),
      InvalidConversationIdError,
    );
    await assert.rejects(
      sdk.conversation.recordMessage({ conversation_id: randomUUID(), role: 'user', content: '' }),
      (error: unknown) =>
        error instanceof InvalidInputError && /content must not be empty/.test(error.message),
    );
    await assert.rejects(
      sdk.conversation.recordMessage({
        conversation_id: randomUUID(),
        role: 'user',
        content: 'x'.repeat(70_000),
      }),
      (error: unknown) => error instanceof InvalidInputError && /exceeds the limit/.test(error.message),
    );
    await assert.rejects(
      sdk.conversation.context.fetch({ conversation_id: randomUUID(), max_results: 51 }),
      (error: unknown) => error instanceof InvalidInputError && /max_results/.test(error.message),
    );
  });

  it('keeps everything recorded across a restart on the same data directory', async () => {
    const conversationId = randomUUID();
    const contents = Array.from({ length: 40 }, (_, index) => `durable turn ${index}`);
    const before = sdkFor(server.url, b2c.apiKey);
    await Promise.all(
      contents
        .slice(0, 20)
        .map((content) =>
          before.conversation.recordMessage({ conversation_id: conversationId, role: 'user', content }),
        ),
    );
    await before.conversation.recordMessagesBatch(
      contents
        .slice(20)
        .map((content) => ({ conversation_id: conversationId, role: 'user' as const, content })),
    );
    await server.restart();
    const after = sdkFor(server.url, b2c.apiKey);
    const prompt = await after.conversation.context.getContextForPrompt({ conversation_id: conversationId });
    assert.equal(prompt.total_message_count, 40);
    assert.deepEqual(new Set(prompt.recent_messages.map((message) => message.content)), new Set(contents));
    assert.deepEqual(
      prompt.recent_messages.slice(20).map((message) => message.content),
      contents.slice(20),
      'the batch kept its order',
    );
  });
});
