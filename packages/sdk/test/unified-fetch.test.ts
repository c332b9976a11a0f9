import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AuthenticationError,
  EngramClient,
  type FetchLike,
  InvalidConversationIdError,
  InvalidInputError,
  RequestAbortedError,
  ServiceUnavailableError,
} from '../src/index.js';
import { API_KEY, CONVERSATION_ID, contextForPromptBody, contextWith, memoryItem } from './fixtures.js';
import { type ScriptedResponse, withServer } from './scripted-server.js';

const PROMPT_PATH = `/v1/conversations/${CONVERSATION_ID}/context-for-prompt?style=structured`;

/** Answers each route from `routes` (keyed by URL, query included), 500 for anything else. */
function byRoute(routes: Record<string, ScriptedResponse>) {
  return (request: { url: string }): ScriptedResponse =>
    routes[request.url] ?? { status: 500, body: { detail: `unscripted ${request.url}` } };
}

const ok = (body: Record<string, unknown>): ScriptedResponse => ({ status: 200, body });

const conversationContext = contextWith(
  {
    facts: [memoryItem('f-shared', 'From the conversation'), memoryItem('f-conv', 'Conversation only')],
  },
  { metadata: { ...(contextWith({}).metadata as object), scope: { conversation: CONVERSATION_ID } } },
);
const userContext = contextWith(
  {
    facts: [memoryItem('f-shared', 'Duplicate seen by the user scope'), memoryItem('f-user', 'User fact')],
    preferences: [memoryItem('p-user', 'Black coffee', { strength: 0.9 })],
  },
  { profile: { overview: 'Regular caller.' }, conversations: [{ summary_status: 'pending' }] },
);
const customerContext = contextWith({
  facts: [memoryItem('f-user', 'Duplicate again'), memoryItem('f-cust', 'Customer fact')],
});
const clientContext = contextWith({ episodes: [memoryItem('e-client', 'Launch day')] });

const allRoutes = {
  '/v1/context/conversation/fetch': ok(conversationContext),
  '/v1/context/user/fetch': ok(userContext),
  '/v1/context/customer/fetch': ok(customerContext),
  '/v1/context/client/fetch': ok(clientContext),
  [PROMPT_PATH]: ok({ ...contextForPromptBody, available: true, formatted_context: 'Earlier: a refund.' }),
};

describe('sdk.fetch (unified)', () => {
  it('fetches each scope with an id in parallel, merges narrowest first and de-duplicates by id', async () => {
    await withServer(byRoute(allRoutes), async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
      const response = await client.fetch({
        conversation_id: CONVERSATION_ID,
        user_id: 'alice',
        customer_id: 'acme',
        search_query: 'coffee',
      });
      assert.deepEqual(
        response.facts.map((item) => [item.id, item.content]),
        [
          ['f-shared', 'From the conversation'],
          ['f-conv', 'Conversation only'],
          ['f-user', 'User fact'],
          ['f-cust', 'Customer fact'],
        ],
      );
      assert.deepEqual(response.scope_map, {
        'f-shared': 'conversation',
        'f-conv': 'conversation',
        'f-user': 'user',
        'p-user': 'user',
        'f-cust': 'customer',
      });
      assert.deepEqual(
        response.preferences.map((item) => item.id),
        ['p-user'],
      );
      assert.deepEqual(response.episodes, [], 'no client scope unless scopes names it');
      assert.deepEqual(response.metadata?.scope, { conversation: CONVERSATION_ID }, 'metadata of the first');
      assert.deepEqual(response.profile, { overview: 'Regular caller.' });
      assert.deepEqual(response.conversations, [{ summary_status: 'pending' }]);
      assert.equal(response.conversation_context, 'Earlier: a refund.');
      assert.deepEqual(response.errors, []);

      const urls = server.requests.map((request) => request.url).sort();
      assert.deepEqual(urls, [
        '/v1/context/conversation/fetch',
        '/v1/context/customer/fetch',
        '/v1/context/user/fetch',
        PROMPT_PATH,
      ]);
      const sent = (path: string) =>
        JSON.parse(server.requests.find((request) => request.url === path)?.body ?? '') as Record<
          string,
          unknown
        >;
      assert.deepEqual(sent('/v1/context/conversation/fetch'), {
        conversation_id: CONVERSATION_ID,
        user_id: 'alice',
        customer_id: 'acme',
        search_query: ['coffee'],
        max_results: 20,
        types: ['all'],
        mode: 'fast',
        include_conversation_context: false,
      });
      assert.deepEqual(sent('/v1/context/user/fetch'), {
        user_id: 'alice',
        customer_id: 'acme',
        conversation_id: CONVERSATION_ID,
        search_query: ['coffee'],
        max_results: 20,
        types: ['all'],
        mode: 'fast',
      });
      assert.equal(sent('/v1/context/customer/fetch')['customer_id'], 'acme');
    });
  });

  it('sends every sub-fetch and the prompt call before any of them is answered', async () => {
    // Nothing is answered until all four requests have arrived: sequential calls would time out.
    let releaseAll: () => void = () => {};
    const allArrived = new Promise<void>((resolve) => {
      releaseAll = resolve;
    });
    const script = (request: { url: string }, index: number): ScriptedResponse => {
      if (index === 3) releaseAll();
      return { ...byRoute(allRoutes)(request), until: allArrived };
    };
    await withServer(script, async (server) => {
      const client = new EngramClient({
        apiKey: API_KEY,
        baseUrl: server.baseUrl,
        timeoutMs: 2_000,
        retry: false,
      });
      const response = await client.fetch({
        conversation_id: CONVERSATION_ID,
        user_id: 'alice',
        customer_id: 'acme',
      });
      assert.equal(server.requests.length, 4);
      assert.deepEqual(response.errors, []);
      assert.equal(response.conversation_context, 'Earlier: a refund.');
    });
  });

  it('renders formatted_context from the merged lists and the conversation history', async () => {
    await withServer(byRoute(allRoutes), async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
      const response = await client.fetch({
        conversation_id: CONVERSATION_ID,
        user_id: 'alice',
        include_scope_labels: true,
      });
      assert.equal(
        response.formatted_context,
        [
          '## User Context',
          '',
          '### Facts',
          '- From the conversation [scope: conversation]',
          '- Conversation only [scope: conversation]',
          '- User fact [scope: user]',
          '',
          '### Preferences',
          '- Black coffee [strength: 0.9, scope: user]',
          '',
          '### Conversation History',
          'Earlier: a refund.',
          '',
          '## Caller Profile',
          'Regular caller.',
          '',
          '## Previous Conversations',
          '',
          '### Call on unknown date',
          'Status: pending',
        ].join('\n'),
      );
    });
  });

  it('scopes restricts the sub-fetches, and is the only way to reach the client scope', async () => {
    await withServer(byRoute(allRoutes), async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
      const response = await client.fetch({
        user_id: 'alice',
        customer_id: 'acme',
        scopes: ['customer', 'client'],
        max_results: 5,
      });
      assert.deepEqual(server.requests.map((request) => request.url).sort(), [
        '/v1/context/client/fetch',
        '/v1/context/customer/fetch',
      ]);
      assert.deepEqual(response.scope_map, {
        'f-user': 'customer',
        'f-cust': 'customer',
        'e-client': 'client',
      });
      assert.equal(response.profile, null, 'profile only comes from the user sub-fetch');
      assert.ok(server.requests.every((request) => JSON.parse(request.body).max_results === 5));
    });
  });

  it('skips failed sub-fetches and reports them in errors; prompt failures are ignored', async () => {
    const routes = {
      ...allRoutes,
      '/v1/context/user/fetch': { status: 401, body: { detail: 'bad key' } },
      '/v1/context/customer/fetch': { status: 503, body: { detail: 'down' } },
      [PROMPT_PATH]: { status: 500, body: { detail: 'prompt failed' } },
    };
    await withServer(byRoute(routes), async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl, retry: false });
      const response = await client.fetch({
        conversation_id: CONVERSATION_ID,
        user_id: 'alice',
        customer_id: 'acme',
      });
      assert.deepEqual(
        response.facts.map((item) => item.id),
        ['f-shared', 'f-conv'],
      );
      assert.deepEqual(
        response.errors.map(({ scope, error }) => [scope, error.constructor]),
        [
          ['user', AuthenticationError],
          ['customer', ServiceUnavailableError],
        ],
      );
      assert.equal(response.conversation_context, null);
      assert.doesNotMatch(response.formatted_context, /Conversation History/);
    });
  });

  it('resolves with empty lists when every sub-fetch fails, or none applies', async () => {
    await withServer([{ status: 503, body: { detail: 'down' } }], async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl, retry: false });
      const failed = await client.fetch({ user_id: 'alice' });
      assert.equal(failed.errors.length, 1);
      assert.equal(failed.metadata, null);
      assert.equal(failed.formatted_context, '');
      const none = await client.fetch({});
      assert.deepEqual(none.facts, []);
      assert.equal(server.requests.length, 1, 'no ids and no scopes: nothing to fetch');
    });
  });

  it('re-throws an InvalidInputError from the server (400/422)', async () => {
    const routes = { ...allRoutes, '/v1/context/customer/fetch': { status: 422, body: { detail: 'bad' } } };
    await withServer(byRoute(routes), async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
      await assert.rejects(client.fetch({ user_id: 'alice', customer_id: 'acme' }), InvalidInputError);
    });
  });

  it('skips the prompt call when include_conversation_context is false', async () => {
    await withServer(byRoute(allRoutes), async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
      const response = await client.fetch({
        conversation_id: CONVERSATION_ID,
        include_conversation_context: false,
      });
      assert.deepEqual(
        server.requests.map((request) => request.url),
        ['/v1/context/conversation/fetch'],
      );
      assert.equal(response.conversation_context, null);
    });
  });

  it('an aborted call rejects with RequestAbortedError', async () => {
    await withServer([{ status: 200, body: userContext, delayMs: 2_000 }], async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
      const controller = new AbortController();
      const pending = client.fetch({ user_id: 'alice' }, { signal: controller.signal });
      setTimeout(() => controller.abort(), 20);
      await assert.rejects(pending, RequestAbortedError);
    });
  });

  it('validates every sub-fetch before sending any request', async () => {
    const fetch: FetchLike = () => assert.fail('no request may be sent');
    const client = new EngramClient({ apiKey: API_KEY, fetch });
    await assert.rejects(
      client.fetch({ conversation_id: 'nope', user_id: 'alice' }),
      InvalidConversationIdError,
    );
    await assert.rejects(client.fetch({ user_id: 'alice', mode: 'slow' } as never), InvalidInputError);
    await assert.rejects(client.fetch({ user_id: 'alice', last_n_conversations: 30 }), InvalidInputError);
    await assert.rejects(client.fetch({ user_id: 'alice', scopes: ['world'] } as never), InvalidInputError);
    await assert.rejects(client.fetch({ customer_id: 'acme', max_results: 0 }), InvalidInputError);
  });
});
