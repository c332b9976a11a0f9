import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  EngramClient,
  type FetchLike,
  InvalidConversationIdError,
  InvalidInputError,
  type RecordMessageInput,
} from '../src/index.js';
import {
  API_KEY,
  batchBody,
  CONVERSATION_ID,
  contextBody,
  contextForPromptBody,
  recordMessageBody,
} from './fixtures.js';
import { withServer } from './scripted-server.js';

/** A client whose fetch fails the test: validation must reject before any request. */
function offlineClient(): EngramClient {
  const fetch: FetchLike = () => assert.fail('no request may be sent');
  return new EngramClient({ apiKey: API_KEY, fetch });
}

describe('conversation namespace: wire requests', () => {
  it('recordMessage posts the Python SDK body', async () => {
    await withServer([{ status: 200, body: recordMessageBody }], async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
      const response = await client.conversation.recordMessage({
        conversation_id: CONVERSATION_ID,
        role: 'assistant',
        content: 'Noted.',
        user_id: 'alice',
      });
      assert.deepEqual(response, recordMessageBody);
      assert.deepEqual(JSON.parse(server.requests[0]?.body ?? ''), {
        conversation_id: CONVERSATION_ID,
        role: 'assistant',
        content: 'Noted.',
        user_id: 'alice',
        customer_id: null,
        metadata: {},
      });
    });
  });

  it('recordMessagesBatch posts {messages}', async () => {
    await withServer([{ status: 200, body: batchBody }], async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
      const message = {
        conversation_id: CONVERSATION_ID,
        role: 'user',
        content: 'hi',
        session_id: 's1',
      } as const;
      const response = await client.conversation.recordMessagesBatch([message]);
      assert.equal(response.succeeded, 1);
      assert.equal(server.requests[0]?.url, '/v1/conversations/messages/batch');
      assert.deepEqual(JSON.parse(server.requests[0]?.body ?? ''), {
        messages: [{ ...message, user_id: null, customer_id: null, metadata: {} }],
      });
    });
  });

  it('context.fetch sends defaults, a query list, and precision_level only for medium', async () => {
    await withServer([{ status: 200, body: contextBody }], async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
      await client.conversation.context.fetch({ conversation_id: CONVERSATION_ID, search_query: 'coffee' });
      await client.conversation.context.fetch({
        conversation_id: CONVERSATION_ID,
        precision_level: 'medium',
        mode: 'accurate',
        types: ['facts', 'temporal'],
        max_results: 5,
        user_id: 'alice',
        include_conversation_context: false,
      });
      const [first, second] = server.requests.map((request) => JSON.parse(request.body) as unknown);
      assert.equal(server.requests[0]?.url, '/v1/context/conversation/fetch');
      assert.deepEqual(first, {
        conversation_id: CONVERSATION_ID,
        search_query: ['coffee'],
        max_results: 10,
        types: ['all'],
        mode: 'fast',
      });
      assert.deepEqual(second, {
        conversation_id: CONVERSATION_ID,
        search_query: null,
        max_results: 5,
        types: ['facts', 'temporal'],
        mode: 'accurate',
        user_id: 'alice',
        precision_level: 'medium',
        include_conversation_context: false,
      });
    });
  });

  it('context.getContextForPrompt GETs with the style in the query', async () => {
    await withServer([{ status: 200, body: contextForPromptBody }], async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
      await client.conversation.context.getContextForPrompt({ conversation_id: CONVERSATION_ID });
      await client.conversation.context.getContextForPrompt({
        conversation_id: CONVERSATION_ID,
        style: 'narrative',
      });
      assert.deepEqual(
        server.requests.map((request) => [request.method, request.url, request.body]),
        [
          ['GET', `/v1/conversations/${CONVERSATION_ID}/context-for-prompt?style=structured`, ''],
          ['GET', `/v1/conversations/${CONVERSATION_ID}/context-for-prompt?style=narrative`, ''],
        ],
      );
    });
  });
});

describe('conversation namespace: client-side validation', () => {
  const client = offlineClient();
  const bad = 'not-a-uuid';

  it('rejects a non-UUID conversation_id in every conversation method', async () => {
    await assert.rejects(
      client.conversation.recordMessage({ conversation_id: bad, role: 'user', content: 'x' }),
      InvalidConversationIdError,
    );
    await assert.rejects(
      client.conversation.recordMessagesBatch([{ conversation_id: bad, role: 'user', content: 'x' }]),
      (error: unknown) => error instanceof InvalidConversationIdError && /messages\[0\]/.test(error.message),
    );
    await assert.rejects(
      client.conversation.context.fetch({ conversation_id: bad }),
      InvalidConversationIdError,
    );
    await assert.rejects(
      client.conversation.context.getContextForPrompt({ conversation_id: bad }),
      InvalidConversationIdError,
    );
  });

  it('InvalidConversationIdError is an InvalidInputError with no correlation id', async () => {
    const error = await client.conversation.context
      .fetch({ conversation_id: bad })
      .catch((rejection: unknown) => rejection);
    assert.ok(error instanceof InvalidInputError);
    assert.equal(error.correlationId, undefined);
    assert.ok(!error.message.includes(bad), 'messages never echo the value');
  });

  it('rejects a bad role, mode, precision_level, style, max_results or types entry', async () => {
    const id = CONVERSATION_ID;
    const role = { conversation_id: id, role: 'system', content: 'x' } as unknown as RecordMessageInput;
    await assert.rejects(client.conversation.recordMessage(role), InvalidInputError);
    await assert.rejects(client.conversation.recordMessagesBatch([]), InvalidInputError);
    const context = client.conversation.context;
    const cases: Array<Record<string, unknown>> = [
      { mode: 'slow' },
      { precision_level: 'low' },
      { max_results: 0 },
      { max_results: 51 },
      { max_results: 2.5 },
      { types: ['gossip'] },
      { search_query: [1] },
    ];
    for (const extra of cases) {
      await assert.rejects(
        context.fetch({ conversation_id: id, ...extra } as never),
        InvalidInputError,
        JSON.stringify(extra),
      );
    }
    await assert.rejects(
      context.getContextForPrompt({ conversation_id: id, style: 'poem' } as never),
      InvalidInputError,
    );
  });
});
